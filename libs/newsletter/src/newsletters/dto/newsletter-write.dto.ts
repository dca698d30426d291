import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsMultiLineText, IsSingleLineText } from '@mailroom/platform';

const BODY_MAX = 200_000;
/** A request carrying a full body: up to 4 bytes a character in UTF-8, with room for the JSON around it. */
export const NEWSLETTER_BODY_LIMIT = BODY_MAX * 4 + 64 * 1024;

/** How an audience filter is written (checked in full by the service, which names the failing path). */
export const AUDIENCE_DOC =
  'Who of the confirmed subscribers it goes to; null or omitted: all. `{match: "all"|"any", conditions: [...]}`, up to 20 conditions: ' +
  '`{field: "metadata", key, op: "equals"|"not_equals"|"contains"|"exists", value}`, `{field: "source", op: "equals"|"not_equals"|"contains", value}`, ' +
  '`{field: "subscribed", op: "before"|"after", value: RFC 3339}`, `{field: "newsletter", op: "received"|"not_received", newsletter_id}`. ' +
  'Values compare as text; contains is case-insensitive; not_equals includes people without the field.';

/** A newsletter draft. Merge fields: {{name}}, {{email}}, {{unsubscribe_url}}, {{manage_url}}; nothing else. */
export class NewsletterCreateDto {
  @ApiProperty({ maxLength: 200, example: 'November news' })
  @IsSingleLineText(200)
  subject!: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Preview text shown by mail clients after the subject.' })
  @IsOptional()
  @IsSingleLineText(200, 0)
  preheader?: string;

  @ApiProperty({ description: 'Markdown (or HTML when format is html, sanitised on render).' })
  @IsString({ message: 'must be text' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(BODY_MAX, { message: `must be at most ${BODY_MAX} characters` })
  @IsMultiLineText(BODY_MAX)
  body!: string;

  @ApiPropertyOptional({ enum: ['markdown', 'html'], default: 'markdown' })
  @IsOptional()
  @IsIn(['markdown', 'html'], { message: 'must be markdown or html' })
  format?: 'markdown' | 'html';

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'A saved template; null or omitted: the built-in layout.',
  })
  @IsOptional()
  @IsInt({ message: 'must be a template id or null' })
  @Min(1, { message: 'must be a template id or null' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'is too large' })
  template_id?: number | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: AUDIENCE_DOC })
  @IsOptional()
  @IsObject({ message: 'must be an audience filter or null' })
  audience?: Record<string, unknown> | null;
}

/** Edits while the newsletter is a draft or scheduled. */
export class NewsletterUpdateDto extends PartialType(NewsletterCreateDto) {}

/** Whether the newsletter is shown in the public archive (`/archive`, and its feed) once sent. */
export class NewsletterArchiveDto {
  @ApiProperty({ example: true })
  @IsBoolean({ message: 'must be true or false' })
  in_archive!: boolean;
}
