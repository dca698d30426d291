import { IdParams } from '@mailroom/platform';
import { Controller, Delete, Get, Header, HttpCode, Param, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@mailroom/auth';
import type { Page } from '@mailroom/platform';
import { SubscriberListQueryDto } from './dto/subscriber-list-query.dto';
import { SubscriberAdminService, type SubscriberAdminView } from './subscriber-admin.service';

/** Subscribers for admins (the seed's GET /admin/api/newsletter). Personal data: never cached. */
@ApiTags('admin: newsletter')
@Controller('admin/api/newsletter')
export class SubscriberAdminController {
  constructor(private readonly subscribers: SubscriberAdminService) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ description: '`{ items, total, page, per_page }`' })
  list(@Query() query: SubscriberListQueryDto): Promise<Page<SubscriberAdminView>> {
    return this.subscribers.list(query);
  }

  @Get(':id')
  @Header('cache-control', 'no-store')
  get(@Param() params: IdParams): Promise<SubscriberAdminView> {
    return this.subscribers.get(params.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiNoContentResponse()
  delete(@Param() params: IdParams, @CurrentActor() actor: Actor): Promise<void> {
    return this.subscribers.delete(params.id, actor);
  }
}
