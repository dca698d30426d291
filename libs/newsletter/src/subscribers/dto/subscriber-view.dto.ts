import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageDto } from '@mailroom/platform';

/** When and from where consent was given, confirmed and withdrawn. */
export class SubscriberConsentDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  subscribed_at!: string | null;

  @ApiProperty({ type: String, nullable: true })
  subscribe_ip!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  confirmed_at!: string | null;

  @ApiProperty({ type: String, nullable: true })
  confirm_ip!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  unsubscribed_at!: string | null;

  @ApiProperty({ type: String, nullable: true })
  unsubscribe_reason!: string | null;
}

/** One subscriber as admins see it. */
export class SubscriberViewDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  email!: string;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ enum: ['pending', 'confirmed', 'unsubscribed'] })
  status!: 'pending' | 'confirmed' | 'unsubscribed';

  @ApiProperty({ type: String, nullable: true })
  source!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  metadata!: Record<string, unknown> | null;

  @ApiProperty({ type: SubscriberConsentDto })
  consent!: SubscriberConsentDto;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class SubscriberPageDto extends PageDto(SubscriberViewDto) {}

/** A newsletter sent (or being sent) to this subscriber. */
export class SubscriberDeliveryDto {
  @ApiProperty()
  newsletter_id!: number;

  @ApiProperty()
  subject!: string;

  @ApiProperty({ enum: ['pending', 'sent', 'failed', 'skipped', 'bounced'] })
  status!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finished_at!: string | null;
}

export class SubscriberDetailDto extends SubscriberViewDto {
  @ApiProperty({ type: [SubscriberDeliveryDto], description: 'The latest 100.' })
  deliveries!: SubscriberDeliveryDto[];
}

export class ImportSummaryDto {
  @ApiProperty()
  create!: number;

  @ApiProperty()
  update!: number;

  @ApiProperty()
  unchanged!: number;

  @ApiProperty()
  resubscribe!: number;

  @ApiProperty()
  skip!: number;

  @ApiProperty()
  invalid!: number;

  @ApiProperty({ description: 'Confirmation emails that are (or would be) sent.' })
  confirmations!: number;
}

export class ImportRowDto {
  @ApiProperty({ description: 'Line in the file, the header being line 1.' })
  row!: number;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: ['create', 'update', 'unchanged', 'resubscribe', 'skip'] })
  action!: 'create' | 'update' | 'unchanged' | 'resubscribe' | 'skip';

  @ApiPropertyOptional()
  reason?: string;
}

export class ImportErrorDto {
  @ApiProperty()
  row!: number;

  @ApiProperty()
  field!: string;

  @ApiProperty()
  message!: string;
}

export class SubscriberImportReportDto {
  @ApiProperty()
  dry_run!: boolean;

  @ApiProperty({ type: ImportSummaryDto })
  summary!: ImportSummaryDto;

  @ApiProperty({ type: [ImportRowDto], description: 'Changed and skipped rows, at most the first 1,000.' })
  rows!: ImportRowDto[];

  @ApiProperty({ type: [ImportErrorDto] })
  errors!: ImportErrorDto[];
}
