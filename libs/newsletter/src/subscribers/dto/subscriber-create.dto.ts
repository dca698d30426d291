import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { IsMailbox, IsSingleLineText, JsonSizeAtMost, EmptyAsAbsent } from '@mailroom/platform';

/** The seed's subscribe call: an address and optional details. */
export class SubscriberCreateDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsMailbox()
  email!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @EmptyAsAbsent()
  @IsOptional()
  @IsSingleLineText(200)
  name?: string;

  @ApiPropertyOptional({ description: 'Free-form JSON object, at most 2 KiB.', example: { interests: ['product'] } })
  @IsOptional()
  @IsObject({ message: 'must be a JSON object' })
  @JsonSizeAtMost(2048)
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 200, description: 'Where the subscription came from, e.g. the page or form.' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsSingleLineText(200)
  source?: string;
}
