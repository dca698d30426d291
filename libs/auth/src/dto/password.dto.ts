import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** An owner resetting another admin's password. */
export class PasswordResetDto {
  @ApiProperty({ minLength: 12 })
  @IsString({ message: 'must be a string' })
  @MaxLength(256)
  password!: string;
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
