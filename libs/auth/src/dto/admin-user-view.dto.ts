import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '@mailroom/platform';

export class AdminUserDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  username!: string;

  @ApiProperty({ type: String, nullable: true })
  display_name!: string | null;

  @ApiProperty({ enum: ['owner', 'admin', 'viewer'] })
  role!: 'owner' | 'admin' | 'viewer';
}

/** An admin account as owners manage it. */
export class AdminAccountDto extends AdminUserDto {
  @ApiProperty()
  disabled!: boolean;
}

/** Who is signed in, and the token state-changing calls must send in X-CSRF-Token. */
export class SessionDto {
  @ApiProperty({ type: AdminUserDto })
  user!: AdminUserDto;

  @ApiProperty()
  csrf_token!: string;
}

export class AuditEntryDto {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: String, nullable: true })
  actor!: string | null;

  @ApiProperty({ example: 'contact.delete' })
  action!: string;

  @ApiProperty({ type: String, nullable: true })
  target!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  details!: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true })
  ip!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class AuditPageDto extends PageDto(AuditEntryDto) {}
