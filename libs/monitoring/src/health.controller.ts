import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@mailroom/platform';
import { MonitoringService, type HealthReport } from './monitoring.service';

@ApiTags('monitoring')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly monitoring: MonitoringService) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ description: 'The database answered; `status` is `degraded` when Redis (if configured) did not.' })
  @ApiServiceUnavailableResponse({ description: 'The database did not answer; `fields` names it.' })
  check(): Promise<HealthReport> {
    return this.monitoring.check();
  }

  /** Readiness for a load balancer: every dependency, Redis included, answered. */
  @Get('ready')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ description: 'The database and Redis (when configured) answered.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency failed; `fields` names it.' })
  ready(): Promise<HealthReport> {
    return this.monitoring.ready();
  }

  /** Liveness: the process serves HTTP. Touches nothing, so a slow database never gets a healthy process killed. */
  @Get('live')
  @Header('cache-control', 'no-store')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
