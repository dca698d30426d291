import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { FastifyReply } from 'fastify';
import { Public, ScrapeRefreshers } from '@mailroom/platform';
import { conformingExposition } from './exposition';
import { MetricsTokenGuard } from './metrics-token.guard';

@ApiExcludeController()
@Controller()
export class MetricsController extends PrometheusController {
  constructor(private readonly gauges: ScrapeRefreshers) {
    super();
  }

  @Get()
  @Public()
  @UseGuards(MetricsTokenGuard)
  override async index(@Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    await this.gauges.refreshAll();
    return conformingExposition(await super.index(response));
  }
}
