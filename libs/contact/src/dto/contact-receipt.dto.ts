import { ApiProperty } from '@nestjs/swagger';

/** What a submitter gets back: enough to refer to the request, nothing more. */
export class ContactReceiptDto {
  @ApiProperty({ example: 42 })
  id!: number;

  @ApiProperty({ example: '2026-11-23T09:30:00.000Z' })
  created_at!: string;
}
