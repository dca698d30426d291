import { Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@mailroom/auth';
import { IdParams, type OutboxJobView, type Page } from '@mailroom/platform';
import { OutboxListQueryDto, OutboxPageDto, OutboxRetryDto } from './dto/outbox.dto';
import { OutboxAdminService } from './outbox-admin.service';

@ApiTags('admin: outbox')
@Controller('admin/api/outbox')
export class OutboxAdminController {
  constructor(private readonly outbox: OutboxAdminService) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: OutboxPageDto, description: 'Mails that failed after every attempt, newest first.' })
  list(@Query() query: OutboxListQueryDto): Promise<Page<OutboxJobView>> {
    return this.outbox.failed(query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOkResponse({ type: OutboxRetryDto, description: 'Queued again with fresh attempts; 409 unless it had failed.' })
  retry(@Param() params: IdParams, @CurrentActor() actor: Actor): Promise<{ id: number; status: 'pending' }> {
    return this.outbox.retry(params.id, actor);
  }
}
