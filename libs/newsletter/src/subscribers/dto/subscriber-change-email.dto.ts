import { ApiProperty } from '@nestjs/swagger';
import { IsMailbox } from '@mailroom/platform';

/** The seed's PUT call. The change happens only after the new address confirms. */
export class SubscriberChangeEmailDto {
  @ApiProperty({ example: 'old@example.com' })
  @IsMailbox()
  old_email!: string;

  @ApiProperty({ example: 'new@example.com' })
  @IsMailbox()
  new_email!: string;
}
