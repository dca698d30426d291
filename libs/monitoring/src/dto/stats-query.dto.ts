import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsRangeEnd, IsRangeStart } from '@mailroom/platform';

export class StatsQueryDto {
  @ApiPropertyOptional({ type: String, description: 'First day (YYYY-MM-DD, UTC); default 29 days before `to`.' })
  @IsOptional()
  @IsRangeStart()
  from?: Date;

  @ApiPropertyOptional({ type: String, description: 'Last day (YYYY-MM-DD, UTC), inclusive; default today.' })
  @IsOptional()
  @IsRangeEnd()
  to?: Date;
}
