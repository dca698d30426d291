import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsMultiLineText, IsSingleLineText } from '@mailroom/platform';

export const LAYOUT_MAX = 100_000;
/** A request carrying both parts in full: up to 4 bytes a character in UTF-8, with room for the JSON around them. */
export const TEMPLATE_BODY_LIMIT = LAYOUT_MAX * 2 * 4 + 64 * 1024;

/** The two parts of a layout, as a preview asks for them. */
export class TemplateLayoutDto {
  @ApiProperty({
    description:
      'HTML around the newsletter: one {{content}}, an {{unsubscribe_url}} link; also {{name}}, {{email}}, {{manage_url}}. Sanitised.',
    example: '<div style="padding:24px">{{content}}<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p></div>',
  })
  @IsString({ message: 'must be text' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(LAYOUT_MAX, { message: `must be at most ${LAYOUT_MAX} characters` })
  @IsMultiLineText(LAYOUT_MAX)
  html!: string;

  @ApiProperty({
    description: 'The plain-text part: one {{content}} and {{unsubscribe_url}}.',
    example: '{{content}}\n\n--\nUnsubscribe: {{unsubscribe_url}}',
  })
  @IsString({ message: 'must be text' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(LAYOUT_MAX, { message: `must be at most ${LAYOUT_MAX} characters` })
  @IsMultiLineText(LAYOUT_MAX)
  text!: string;
}

export class TemplateCreateDto extends TemplateLayoutDto {
  @ApiProperty({ maxLength: 100, example: 'Monthly digest' })
  @IsSingleLineText(100)
  name!: string;
}

export class TemplateUpdateDto extends PartialType(TemplateCreateDto) {}

export class TemplateViewDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'As saved (sanitised again when sent).' })
  html!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty({ description: 'Newsletters using it.' })
  used_by!: number;

  @ApiProperty({ type: String, nullable: true })
  created_by!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}
