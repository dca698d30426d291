import { IdParams } from '@mailroom/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminUsersService, type AdminUserView } from './admin-users.service';
import { CurrentActor, type Actor } from './current-actor.decorator';
import { AdminUserCreateDto } from './dto/admin-user-create.dto';
import { AdminAccountDto } from './dto/admin-user-view.dto';
import { AdminUserUpdateDto } from './dto/admin-user-update.dto';
import { PasswordChangeDto, PasswordResetDto } from './dto/password.dto';
import { Roles } from './roles.decorator';

@ApiTags('admin: users')
@Controller()
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get('admin/api/users')
  @Roles('owner')
  @ApiOkResponse({ type: [AdminAccountDto] })
  list(): Promise<AdminUserView[]> {
    return this.users.list();
  }

  @Post('admin/api/users')
  @Roles('owner')
  @ApiCreatedResponse({ type: AdminAccountDto })
  create(@Body() body: AdminUserCreateDto, @CurrentActor() actor: Actor): Promise<AdminUserView> {
    return this.users.create(body, actor);
  }

  @Patch('admin/api/users/:id')
  @Roles('owner')
  @ApiOkResponse({ type: AdminAccountDto })
  update(
    @Param() params: IdParams,
    @Body() body: AdminUserUpdateDto,
    @CurrentActor() actor: Actor,
  ): Promise<AdminUserView> {
    return this.users.update(params.id, body, actor);
  }

  @Post('admin/api/users/:id/password')
  @HttpCode(204)
  @Roles('owner')
  @ApiNoContentResponse()
  resetPassword(
    @Param() params: IdParams,
    @Body() body: PasswordResetDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.users.resetPassword(params.id, body.password, actor, body.current_password);
  }

  @Delete('admin/api/users/:id')
  @HttpCode(204)
  @Roles('owner')
  @ApiNoContentResponse()
  delete(@Param() params: IdParams, @CurrentActor() actor: Actor): Promise<void> {
    return this.users.delete(params.id, actor);
  }

  /** Any signed-in admin: ends their other sessions. */
  @Post('auth/password')
  @HttpCode(204)
  @ApiNoContentResponse()
  changeOwnPassword(@Body() body: PasswordChangeDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.users.changeOwnPassword(actor, body.current_password, body.new_password);
  }
}
