import { BodyLimit, IdParams } from '@mailroom/platform';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { IMPORT_MAX_BYTES, SubscriberImportDto } from './dto/subscriber-import.dto';
import { SubscriberUpdateDto } from './dto/subscriber-update.dto';
import {
  SubscriberDetailDto,
  SubscriberImportReportDto,
  SubscriberPageDto,
  SubscriberViewDto,
} from './dto/subscriber-view.dto';
import { SubscriberImportService, type ImportReport } from './subscriber-import.service';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@mailroom/auth';
import type { Page } from '@mailroom/platform';
import { SubscriberListQueryDto } from './dto/subscriber-list-query.dto';
import { SubscriberAdminService, type SubscriberAdminView } from './subscriber-admin.service';

/** Subscribers for admins (the seed's GET /admin/api/newsletter). Personal data: never cached. */
@ApiTags('admin: newsletter')
@Controller('admin/api/newsletter')
export class SubscriberAdminController {
  constructor(
    private readonly subscribers: SubscriberAdminService,
    private readonly importer: SubscriberImportService,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: SubscriberPageDto })
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

  @Post('import')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @BodyLimit(IMPORT_MAX_BYTES + 64 * 1024)
  @Header('cache-control', 'no-store')
  @ApiOkResponse({
    type: SubscriberImportReportDto,
    description: 'What changed (or, on a dry run, what would): a summary, rows and per-row errors.',
  })
  import(@Body() body: SubscriberImportDto, @CurrentActor() actor: Actor): Promise<ImportReport> {
    return this.importer.import(
      body.csv,
      { dryRun: body.dry_run ?? true, resubscribe: body.resubscribe ?? false },
      actor,
    );
  }

  @Patch(':id')
  @Roles('owner', 'admin')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: SubscriberViewDto })
  update(
    @Param() params: IdParams,
    @Body() body: SubscriberUpdateDto,
    @CurrentActor() actor: Actor,
  ): Promise<SubscriberAdminView> {
    return this.subscribers.update(params.id, body, actor);
  }

  @Get(':id')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: SubscriberDetailDto })
  get(@Param() params: IdParams): Promise<SubscriberAdminView & { deliveries: unknown[] }> {
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
