import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class AdminUserIdParams {
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be positive' })
  @Max(Number.MAX_SAFE_INTEGER)
  id!: number;
}
