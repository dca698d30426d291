import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { METRIC } from '../metrics/metric-names';
import { ScrapeRefreshers } from '../metrics/scrape-refreshers';
import { OutboxRepository } from './outbox.repository';

/** Reads the outbox depth from the database when Prometheus scrapes, so every process reports the same shared value. */
@Injectable()
export class OutboxGauge {
  constructor(
    private readonly outbox: OutboxRepository,
    @InjectMetric(METRIC.outboxDepth) private readonly depth: Gauge,
    refreshers: ScrapeRefreshers,
  ) {
    refreshers.register(() => this.refresh());
  }

  async refresh(): Promise<void> {
    this.depth.set(await this.outbox.depth());
  }
}
