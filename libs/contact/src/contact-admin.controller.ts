import { IdParams } from '@mailroom/platform';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentActor, Roles, type Actor } from '@mailroom/auth';
import type { Page } from '@mailroom/platform';
import { ContactAdminService } from './contact-admin.service';
import type { SubmissionRow } from './contact.repository';
import { ContactBulkDeleteDto } from './dto/contact-bulk-delete.dto';
import { ContactBulkDeleteResultDto, ContactSubmissionPageDto, ContactSubmissionViewDto } from './dto/contact-view.dto';
import { ContactListQueryDto } from './dto/contact-list-query.dto';
import { ContactStatusUpdateDto } from './dto/contact-status.dto';

/** Submissions for admins: read by every role; changed by owners and admins. Personal data: never cached. */
@ApiTags('admin: contact')
@Controller('admin/api/contact')
export class ContactAdminController {
  constructor(private readonly submissions: ContactAdminService) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: ContactSubmissionPageDto })
  list(@Query() query: ContactListQueryDto): Promise<Page<SubmissionRow>> {
    return this.submissions.list(query);
  }

  /** The filtered set as CSV, streamed; cells that could run as spreadsheet formulas are neutralised. */
  @Get('export.csv')
  @Roles('owner', 'admin')
  exportCsv(
    @Query() query: ContactListQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="contact-submissions.csv"')
      .header('cache-control', 'no-store')
      .send(Readable.from(this.submissions.exportCsv(query, actor)));
  }

  @Post('bulk-delete')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOkResponse({ type: ContactBulkDeleteResultDto })
  bulkDelete(@Body() body: ContactBulkDeleteDto, @CurrentActor() actor: Actor): Promise<{ deleted: number }> {
    return this.submissions.bulkDelete(body.ids, actor);
  }

  @Get(':id')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: ContactSubmissionViewDto })
  get(@Param() params: IdParams): Promise<SubmissionRow> {
    return this.submissions.get(params.id);
  }

  @Patch(':id')
  @Roles('owner', 'admin')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: ContactSubmissionViewDto })
  setStatus(
    @Param() params: IdParams,
    @Body() body: ContactStatusUpdateDto,
    @CurrentActor() actor: Actor,
  ): Promise<SubmissionRow> {
    return this.submissions.setStatus(params.id, body.status, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiNoContentResponse()
  delete(@Param() params: IdParams, @CurrentActor() actor: Actor): Promise<void> {
    return this.submissions.delete(params.id, actor);
  }
}
