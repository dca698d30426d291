import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '@mailroom/platform';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../delivery/delivery.repository';
import { NEWSLETTER_STATUSES, type NewsletterStatus } from '../newsletter.repository';

export class NewsletterViewDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  subject!: string;

  @ApiProperty({ type: String, nullable: true })
  preheader!: string | null;

  @ApiProperty()
  body!: string;

  @ApiProperty({ enum: ['markdown', 'html'] })
  format!: 'markdown' | 'html';

  @ApiProperty({ enum: NEWSLETTER_STATUSES })
  status!: NewsletterStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  send_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  started_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finished_at!: string | null;

  @ApiProperty({ description: 'Recipients snapshotted when sending started.' })
  audience_count!: number;

  @ApiProperty({ type: String, nullable: true })
  failure_reason!: string | null;

  @ApiProperty({ type: String, nullable: true })
  created_by!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Its saved template; null: the built-in layout.' })
  template_id!: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Its audience filter (see NewsletterCreateDto.audience); null: every confirmed subscriber.',
  })
  audience!: Record<string, unknown> | null;

  @ApiProperty({ description: 'Shown in the public archive once sent.' })
  in_archive!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Its page in the public archive, while it is there (in the archive and sent).',
  })
  archive_url!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class NewsletterPageDto extends PageDto(NewsletterViewDto) {}

export class DeliveryCountsDto {
  @ApiProperty()
  pending!: number;

  @ApiProperty()
  sent!: number;

  @ApiProperty()
  failed!: number;

  @ApiProperty()
  skipped!: number;

  @ApiProperty()
  bounced!: number;
}

export class NewsletterProgressDto {
  @ApiProperty({ enum: NEWSLETTER_STATUSES })
  status!: NewsletterStatus;

  @ApiProperty()
  audience!: number;

  @ApiProperty({ type: DeliveryCountsDto })
  counts!: DeliveryCountsDto;

  @ApiProperty({ description: 'Final rows as a share of the audience, 0–100.' })
  percent!: number;

  @ApiProperty({ type: Number, nullable: true })
  rate_per_second!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  eta_seconds!: number | null;
}

export class NewsletterDetailDto extends NewsletterViewDto {
  @ApiProperty({ type: NewsletterProgressDto })
  progress!: NewsletterProgressDto;
}

export class DeliveryViewDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  subscriber_id!: number;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: DeliveryStatus;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, nullable: true })
  smtp_response!: string | null;

  @ApiProperty({ type: String, nullable: true })
  message_id!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finished_at!: string | null;
}

export class DeliveryPageDto extends PageDto(DeliveryViewDto) {}

export class RenderedNewsletterDto {
  @ApiProperty()
  subject!: string;

  @ApiProperty()
  html!: string;

  @ApiProperty()
  text!: string;
}

export class PreviewRecipientDto {
  @ApiProperty()
  email!: string;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ description: 'True when no subscriber was chosen and a sample reader was used.' })
  sample!: boolean;
}

export class NewsletterPreviewDto extends RenderedNewsletterDto {
  @ApiProperty({ type: PreviewRecipientDto })
  recipient!: PreviewRecipientDto;
}

export class TestSendResultDto {
  @ApiProperty()
  queued!: number;
}
