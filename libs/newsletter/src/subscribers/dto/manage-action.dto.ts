import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, ValidateIf } from 'class-validator';
import { IsMailbox, IsSingleLineText, EmptyAsAbsent } from '@mailroom/platform';

export const MANAGE_ACTIONS = ['subscribe', 'unsubscribe', 'update', 'export', 'erase', 'request_link'] as const;
export type ManageAction = (typeof MANAGE_ACTIONS)[number];

/**
 * POST /api/newsletter/manage. With a manage `token`, acts on that subscriber. Without one, `subscribe`,
 * `unsubscribe`, `update` and `request_link` behave like the public calls: the address gets an email, never a change.
 */
export class ManageActionDto {
  @ApiProperty({ enum: MANAGE_ACTIONS })
  @IsIn(MANAGE_ACTIONS, { message: `must be one of ${MANAGE_ACTIONS.join(', ')}` })
  action!: ManageAction;

  @ApiPropertyOptional()
  @EmptyAsAbsent()
  @IsOptional()
  @IsString({ message: 'must be a string' })
  token?: string;

  @ApiPropertyOptional({ description: 'The form token rendered into the manage page (required for form posts).' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  csrf?: string;

  @ApiPropertyOptional()
  @EmptyAsAbsent()
  @ValidateIf((dto: ManageActionDto) => dto.token === undefined && dto.action !== 'export' && dto.action !== 'erase')
  @IsMailbox()
  email?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @EmptyAsAbsent()
  @IsOptional()
  @IsSingleLineText(200)
  name?: string;

  @ApiPropertyOptional()
  @EmptyAsAbsent()
  @ValidateIf((dto: ManageActionDto) => dto.token === undefined && dto.action === 'update')
  @IsMailbox()
  new_email?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @EmptyAsAbsent()
  @IsOptional()
  @IsSingleLineText(500)
  reason?: string;
}
