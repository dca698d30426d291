import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** An owner setting an admin's password (their own needs `current_password` too). */
export class PasswordResetDto {
  @ApiProperty({ minLength: 12 })
  @IsString({ message: 'must be a string' })
  @MaxLength(256)
  password!: string;

  @ApiPropertyOptional({ description: 'Required when the owner sets their own password.' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(256)
  current_password?: string;
}

/** An admin changing their own password. */
export class PasswordChangeDto {
  @ApiProperty()
  @IsString({ message: 'must be a string' })
  @MaxLength(256)
  current_password!: string;

  @ApiProperty({ minLength: 12 })
  @IsString({ message: 'must be a string' })
  @MaxLength(256)
  new_password!: string;
}
