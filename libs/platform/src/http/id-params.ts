import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** `:id` route parameters: positive integers only, so nothing else ever reaches a query. */
export class IdParams {
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be positive' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'is too large' })
  id!: number;
}
