import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class StatsQueryDto {
  @ApiPropertyOptional({ description: 'First day (YYYY-MM-DD, UTC); default 29 days before `to`.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (YYYY-MM-DD, UTC), inclusive; default today.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date' })
  to?: string;
}
