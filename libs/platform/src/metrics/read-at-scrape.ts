import { Logger } from '@nestjs/common';
import type { Gauge } from 'prom-client';

const logger = new Logger('Metrics');

/**
 * Makes a gauge read its value from the database whenever metrics are collected (prom-client calls `collect` on
 * every scrape, and in each cluster process when the primary aggregates), so every process reports the one shared
 * value. A failed read keeps the last value; the scrape still answers.
 */
export function readAtScrape(gauge: Gauge, read: () => Promise<number>): void {
  Object.assign(gauge, {
    collect: async () => {
      try {
        gauge.set(await read());
      } catch (error) {
        logger.warn(`Could not read a gauge: ${(error as Error).message}`);
      }
    },
  });
}
