import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { IsMailbox, IsMultiLineText, IsSingleLineText } from '@mailroom/platform';

// HTML forms send empty strings for untouched optional inputs; treat them as absent.
const emptyAsAbsent = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value,
);

/** The seed's contact form fields, unchanged: name, email, message, and optional company and timeline. */
export class ContactCreateDto {
  @ApiProperty({ maxLength: 200, example: 'Ada Lovelace' })
  @IsSingleLineText(200)
  name!: string;

  @ApiProperty({ maxLength: 254, example: 'ada@example.com' })
  @IsMailbox()
  email!: string;

  @ApiProperty({ maxLength: 5000, example: 'We would like a quote for a new website.' })
  @IsMultiLineText(5000)
  message!: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Analytical Engines Ltd' })
  @emptyAsAbsent
  @IsOptional()
  @IsSingleLineText(200)
  company?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Q3' })
  @emptyAsAbsent
  @IsOptional()
  @IsSingleLineText(100)
  timeline?: string;
}
