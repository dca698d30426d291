import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

export class TokenDto {
  @ApiProperty({ description: 'The token from the emailed link.' })
  @IsString({ message: 'must be a string' })
  token!: string;
}
