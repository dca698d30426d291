import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Max, Min } from 'class-validator';

export class ContactBulkDeleteDto {
  @ApiProperty({ type: [Number], maxItems: 1000 })
  @IsArray({ message: 'must be a list of ids' })
  @ArrayMinSize(1, { message: 'must name at least one id' })
  @ArrayMaxSize(1000, { message: 'must name at most 1000 ids' })
  @IsInt({ each: true, message: 'must contain whole numbers' })
  @Min(1, { each: true, message: 'must contain positive ids' })
  @Max(Number.MAX_SAFE_INTEGER, { each: true, message: 'must contain ids that exist' })
  ids!: number[];
}
