import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListQueryDto } from '@mailroom/platform';
import { SUBSCRIBER_STATUSES, type SubscriberStatus } from '../entities/subscriber.entity';

export const SUBSCRIBER_SORTS = ['created_at', 'email', 'name', 'status', 'id'] as const;

/** GET /admin/api/newsletter: the seed's list parameters plus `status`; `q` searches address and name. */
export class SubscriberListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: SUBSCRIBER_SORTS, default: 'created_at' })
  @IsOptional()
  @IsIn(SUBSCRIBER_SORTS, { message: `must be one of ${SUBSCRIBER_SORTS.join(', ')}` })
  sort_by: (typeof SUBSCRIBER_SORTS)[number] = 'created_at';

  @ApiPropertyOptional({ enum: SUBSCRIBER_STATUSES })
  @IsOptional()
  @IsIn(SUBSCRIBER_STATUSES, { message: `must be one of ${SUBSCRIBER_STATUSES.join(', ')}` })
  status?: SubscriberStatus;
}
