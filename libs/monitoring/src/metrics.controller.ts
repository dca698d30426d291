import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { FastifyReply } from 'fastify';
import cluster from 'node:cluster';
import { Public } from '@mailroom/platform';
import { clusterMetrics } from '@mailroom/platform/cluster';
import { conformingExposition } from './exposition';
import { MetricsTokenGuard } from './metrics-token.guard';

@ApiExcludeController()
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  @Public()
  @UseGuards(MetricsTokenGuard)
  override async index(@Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    // In a cluster, the primary gathers every process's metrics (prom-client's AggregatorRegistry).
    const text = cluster.isWorker ? await clusterMetrics() : await super.index(response);
    if (cluster.isWorker) void response.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return conformingExposition(text);
  }
}
