import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AUDIENCE_DOC } from './newsletter-write.dto';
import { IsDateTime, IsMailboxList, ListQueryDto } from '@mailroom/platform';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../delivery/delivery.repository';

export class NewsletterSendDto {
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'RFC 3339 date-time with a zone, in the future; omitted: send now.',
  })
  @IsOptional()
  // A zone is required: without one the time would depend on the server's clock settings.
  @IsDateTime()
  send_at?: Date;

  @ApiPropertyOptional({
    description:
      'The audience count the admin confirmed (POST /admin/api/newsletters/audience-count). A send now whose snapshot is another size is refused with 409 and nothing starts.',
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must not be negative' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'is too large' })
  expected_audience?: number;
}

export class AudienceCountRequestDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: AUDIENCE_DOC })
  @IsOptional()
  @IsObject({ message: 'must be an audience filter or null' })
  audience?: Record<string, unknown> | null;
}

export class AudienceCountDto {
  @ApiProperty({ description: 'Confirmed subscribers the filter reaches now.' })
  count!: number;
}

export const TEST_SEND_MAX = 5;

export class NewsletterTestDto {
  @ApiProperty({ type: [String], maxItems: TEST_SEND_MAX, example: ['me@example.com'] })
  @IsArray({ message: 'must be a list of email addresses' })
  @ArrayMinSize(1, { message: 'must name at least one address' })
  @ArrayMaxSize(TEST_SEND_MAX, { message: `must name at most ${TEST_SEND_MAX} addresses` })
  @MaxLength(254, { each: true, message: 'addresses must be at most 254 characters' })
  @IsMailboxList()
  emails!: string[];
}

export class NewsletterPreviewQueryDto {
  @ApiPropertyOptional({ description: 'Render for this subscriber; a sample subscriber when omitted.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be a positive id' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'is too large' })
  subscriber_id?: number;
}

export class DeliveryListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: `must be one of ${DELIVERY_STATUSES.join(', ')}` })
  status?: DeliveryStatus;
}
