import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, ValidateIf } from 'class-validator';
import { IsMailbox, IsSingleLineText, EmptyAsAbsent } from '@mailroom/platform';

/** The seed's DELETE call. With `email` a link is mailed; with a `token` from such a link it unsubscribes at once. */
export class SubscriberUnsubscribeDto {
  @ApiPropertyOptional({ example: 'ada@example.com' })
  @ValidateIf((dto: SubscriberUnsubscribeDto) => dto.token === undefined)
  @IsMailbox()
  email?: string;

  @ApiPropertyOptional({ description: 'An unsubscribe or manage token from an email.' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  token?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @EmptyAsAbsent()
  @IsOptional()
  @IsSingleLineText(500)
  reason?: string;
}
