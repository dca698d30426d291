import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { StatsQueryDto } from './dto/stats-query.dto';
import { StatsDto } from './dto/stats-view.dto';
import { StatsService, type Stats } from './stats.service';

@ApiTags('admin: dashboard')
@Controller('admin/api/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({
    type: StatsDto,
    description: 'Totals and daily series (submissions, new subscribers, unsubscribes, emails sent/failed).',
  })
  get(@Query() query: StatsQueryDto): Promise<Stats> {
    return this.stats.compute(query.from, query.to);
  }
}
