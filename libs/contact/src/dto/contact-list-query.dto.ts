import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '@mailroom/platform';
import { CONTACT_STATUSES, type ContactStatus } from '../entities/contact-submission.entity';

/** Columns a list may be sorted by; anything else is refused (never passed to SQL). */
export const CONTACT_SORTS = ['created_at', 'name', 'email', 'status', 'id'] as const;

export class ContactListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: CONTACT_SORTS, default: 'created_at' })
  @IsOptional()
  @IsIn(CONTACT_SORTS, { message: `must be one of ${CONTACT_SORTS.join(', ')}` })
  sort_by: (typeof CONTACT_SORTS)[number] = 'created_at';

  @ApiPropertyOptional({ description: 'Exact address.' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ enum: CONTACT_STATUSES })
  @IsOptional()
  @IsIn(CONTACT_STATUSES, { message: `must be one of ${CONTACT_STATUSES.join(', ')}` })
  status?: ContactStatus;
}
