import { IdParams } from '@mailroom/platform';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { SubscriberUpdateDto } from './dto/subscriber-update.dto';
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

  @Get('export.csv')
  @Roles('owner', 'admin')
  exportCsv(
    @Query() query: SubscriberListQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="subscribers.csv"')
      .header('cache-control', 'no-store')
      .send(Readable.from(this.subscribers.exportCsv(query, actor)));
  }

  @Patch(':id')
  @Roles('owner', 'admin')
  @Header('cache-control', 'no-store')
  update(
    @Param() params: IdParams,
    @Body() body: SubscriberUpdateDto,
    @CurrentActor() actor: Actor,
  ): Promise<SubscriberAdminView> {
    return this.subscribers.update(params.id, body, actor);
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
