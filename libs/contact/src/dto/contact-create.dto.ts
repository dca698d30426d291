import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsMailbox, IsMultiLineText, IsSingleLineText, EmptyAsAbsent } from '@mailroom/platform';

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
  @EmptyAsAbsent()
  @IsOptional()
  @IsSingleLineText(200)
  company?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Q3' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsSingleLineText(100)
  timeline?: string;
}
