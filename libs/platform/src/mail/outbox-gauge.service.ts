import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { METRIC } from '../metrics/metric-names';
import { readAtScrape } from '../metrics/read-at-scrape';
import { OutboxRepository } from './outbox.repository';

/** Reads the outbox depth from the database when Prometheus scrapes, so every process reports the same shared value. */
@Injectable()
export class OutboxGauge {
  constructor(outbox: OutboxRepository, @InjectMetric(METRIC.outboxDepth) depth: Gauge) {
    readAtScrape(depth, () => outbox.depth());
  }
}
