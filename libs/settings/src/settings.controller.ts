import { Body, Controller, Delete, Get, Header, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@mailroom/auth';
import { SettingUpdateDto } from './dto/setting-update.dto';
import { SettingViewDto } from './dto/setting-view.dto';
import { SettingsService, type SettingView } from './settings.service';

/** The seed's settings API. Every role reads (secrets masked); owners and admins change. */
@ApiTags('admin: settings')
@Controller('admin/api/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({
    type: [SettingViewDto],
    description: 'Every setting with its value, source (default, environment, database), type and description.',
  })
  list(): SettingView[] {
    return this.settings.list();
  }

  @Put(':key')
  @Roles('owner', 'admin')
  @ApiOkResponse({ type: SettingViewDto })
  update(
    @Param('key') key: string,
    @Body() body: SettingUpdateDto,
    @CurrentActor() actor: Actor,
  ): Promise<SettingView> {
    return this.settings.set(key, body.value, actor);
  }

  @Delete(':key')
  @Roles('owner', 'admin')
  @ApiOkResponse({ type: SettingViewDto, description: 'Back to the environment or default value.' })
  reset(@Param('key') key: string, @CurrentActor() actor: Actor): Promise<SettingView> {
    return this.settings.reset(key, actor);
  }
}
