import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { IsSingleLineText, JsonSizeAtMost } from '@mailroom/platform';

/** What an admin may change. Confirming someone is not possible here: only the subscriber's own link does that. */
export class SubscriberUpdateDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsSingleLineText(200, 0)
  name?: string;

  @ApiPropertyOptional({ description: 'Free-form JSON object, at most 2 KiB.' })
  @IsOptional()
  @IsObject({ message: 'must be a JSON object' })
  @JsonSizeAtMost(2048)
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['unsubscribed'], description: 'Admins can unsubscribe someone, never subscribe them.' })
  @IsOptional()
  @IsIn(['unsubscribed'], { message: 'can only be set to unsubscribed' })
  status?: 'unsubscribed';
}
