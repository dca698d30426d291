import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsSingleLineText } from '@mailroom/platform';
import { ADMIN_ROLES, type AdminRole } from '../entities/admin-user.entity';

export class AdminUserUpdateDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsSingleLineText(200)
  display_name?: string;

  @ApiPropertyOptional({ enum: ADMIN_ROLES })
  @IsOptional()
  @IsIn(ADMIN_ROLES, { message: `must be one of ${ADMIN_ROLES.join(', ')}` })
  role?: AdminRole;

  @ApiPropertyOptional({ description: 'Disabling ends all of the admin’s sessions.' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  disabled?: boolean;
}
