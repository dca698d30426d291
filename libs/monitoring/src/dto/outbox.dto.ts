import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { ListQueryDto, PageDto } from '@mailroom/platform';

/** GET /admin/api/outbox: mails that failed after every attempt, newest first. */
export class OutboxListQueryDto extends PickType(ListQueryDto, ['page', 'per_page', 'cursor'] as const) {
  @ApiPropertyOptional({ example: 'contact.notification', description: 'Only mails of this kind.' })
  @IsOptional()
  @MaxLength(64, { message: 'must be at most 64 characters' })
  @Matches(/^[a-z_.]+$/, { message: 'must be a mail kind such as contact.notification' })
  kind?: string;
}

export class OutboxJobDto {
  @ApiProperty()
  id!: number;

  @ApiProperty({ example: 'contact.notification' })
  kind!: string;

  @ApiProperty({ enum: ['failed', 'pending', 'sent', 'skipped'] })
  status!: string;

  @ApiProperty({ type: [String] })
  to!: string[];

  @ApiProperty({ type: String, nullable: true })
  subject!: string | null;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, description: 'What the SMTP server said the last time.' })
  last_error!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  processed_at!: string | null;
}

export class OutboxPageDto extends PageDto(OutboxJobDto) {}

export class OutboxRetryDto {
  @ApiProperty()
  id!: number;

  @ApiProperty({ enum: ['pending'] })
  status!: 'pending';
}
