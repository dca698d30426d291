import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '@mailroom/platform';

/** One submission as admins see it. */
export class ContactSubmissionViewDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ type: String, nullable: true })
  company!: string | null;

  @ApiProperty({ type: String, nullable: true })
  timeline!: string | null;

  @ApiProperty({ enum: ['new', 'read', 'archived', 'spam'] })
  status!: 'new' | 'read' | 'archived' | 'spam';

  @ApiProperty({ type: String, nullable: true })
  ip!: string | null;

  @ApiProperty({ type: String, nullable: true })
  user_agent!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class ContactSubmissionPageDto extends PageDto(ContactSubmissionViewDto) {}

export class ContactBulkDeleteResultDto {
  @ApiProperty()
  deleted!: number;
}
