import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsSingleLineText } from '@mailroom/platform';
import { ADMIN_ROLES, type AdminRole } from '../entities/admin-user.entity';

export class AdminUserCreateDto {
  @ApiProperty({ example: 'grace' })
  @Matches(/^[A-Za-z0-9._@-]{2,100}$/, { message: 'must be 2-100 letters, digits or . _ @ -' })
  username!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsSingleLineText(200)
  display_name?: string;

  @ApiProperty({ enum: ADMIN_ROLES })
  @IsIn(ADMIN_ROLES, { message: `must be one of ${ADMIN_ROLES.join(', ')}` })
  role!: AdminRole;

  @ApiProperty({ minLength: 12, description: 'At least 12 characters, not a common password.' })
  @IsString({ message: 'must be a string' })
  @MaxLength(256)
  password!: string;
}
