import { ApiProperty } from '@nestjs/swagger';

/** Read by passport-local before validation runs; described here for the OpenAPI document. */
export class LoginDto {
  @ApiProperty({ example: 'admin' })
  username!: string;

  @ApiProperty({ example: 'a long, uncommon password' })
  password!: string;
}
