import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditLog, type AuditRecord, type Page } from '@mailroom/platform';
import { AuditListQueryDto } from './dto/audit-list-query.dto';
import { AuditPageDto } from './dto/admin-user-view.dto';
import { Roles } from './roles.decorator';

/** The audit log: who did what, when and from where. Owners and admins may read it. */
@ApiTags('admin: audit')
@Controller('admin/api/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles('owner', 'admin')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: AuditPageDto, description: 'Newest first by default.' })
  list(@Query() query: AuditListQueryDto): Promise<Page<AuditRecord>> {
    return this.audit.list(query);
  }
}
