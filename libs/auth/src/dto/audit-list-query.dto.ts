import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '@mailroom/platform';

export const AUDIT_SORTS = ['created_at', 'action', 'actor', 'id'] as const;

export class AuditListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_SORTS, default: 'created_at' })
  @IsOptional()
  @IsIn(AUDIT_SORTS, { message: `must be one of ${AUDIT_SORTS.join(', ')}` })
  sort_by: (typeof AUDIT_SORTS)[number] = 'created_at';

  @ApiPropertyOptional({ description: 'Exact action, e.g. login_failed or contact.delete.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: 'Username of who acted.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;
}
