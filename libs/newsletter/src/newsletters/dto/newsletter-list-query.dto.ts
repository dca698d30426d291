import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListQueryDto } from '@mailroom/platform';
import { NEWSLETTER_STATUSES, type NewsletterStatus } from '../newsletter.repository';

export const NEWSLETTER_SORTS = ['created_at', 'send_at', 'subject', 'status', 'id'] as const;

/** GET /admin/api/newsletters: the seed's list parameters plus `status`; `q` searches subjects. */
export class NewsletterListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: NEWSLETTER_SORTS, default: 'created_at' })
  @IsOptional()
  @IsIn(NEWSLETTER_SORTS, { message: `must be one of ${NEWSLETTER_SORTS.join(', ')}` })
  sort_by: (typeof NEWSLETTER_SORTS)[number] = 'created_at';

  @ApiPropertyOptional({ enum: NEWSLETTER_STATUSES })
  @IsOptional()
  @IsIn(NEWSLETTER_STATUSES, { message: `must be one of ${NEWSLETTER_STATUSES.join(', ')}` })
  status?: NewsletterStatus;
}
