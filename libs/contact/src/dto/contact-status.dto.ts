import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CONTACT_STATUSES, type ContactStatus } from '../entities/contact-submission.entity';

export class ContactStatusUpdateDto {
  @ApiProperty({ enum: CONTACT_STATUSES })
  @IsIn(CONTACT_STATUSES, { message: `must be one of ${CONTACT_STATUSES.join(', ')}` })
  status!: ContactStatus;
}
