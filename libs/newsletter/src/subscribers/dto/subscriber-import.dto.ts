import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** A CSV upload as JSON (so it carries the CSRF header like every admin write). Dry run unless told otherwise. */
export class SubscriberImportDto {
  @ApiProperty({
    description:
      'CSV text with a header row. `email` is required; `name` is optional; any other column is kept in metadata.',
  })
  @IsString({ message: 'must be CSV text' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(IMPORT_MAX_BYTES, { message: `must be at most ${IMPORT_MAX_BYTES} characters` })
  csv!: string;

  @ApiPropertyOptional({ default: true, description: 'Report what would change without changing anything.' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  dry_run?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Re-subscribe people who unsubscribed. Off by default: their choice stands unless you say otherwise.',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  resubscribe?: boolean;
}
