import { Logger } from '@nestjs/common';
import type { Gauge } from 'prom-client';

const logger = new Logger('Metrics');

/** Gauges read from the database are refreshed at most this often, however often /metrics is scraped. */
export const GAUGE_REFRESH_MS = 10_000;

/**
 * Makes a gauge report a value read from the database, so every process reports the one shared value. The read runs
 * at most once per GAUGE_REFRESH_MS: a scrape in between answers the last value at once, and one that finds it stale
 * starts a refresh without waiting for it. A flood of scrapes therefore costs no more queries than one scrape every
 * ten seconds. A failed read keeps the last value.
 */
export function readAtScrape(gauge: Gauge, read: () => Promise<number>, refreshMs = GAUGE_REFRESH_MS): void {
  let readAt = -Infinity;
  let reading: Promise<void> | undefined;
  let known = false;
  const refresh = () =>
    (reading ??= read()
      .then(
        (value) => {
          gauge.set(value);
          known = true;
        },
        (error: Error) => logger.warn(`Could not read a gauge: ${error.message}`),
      )
      .finally(() => {
        readAt = Date.now();
        reading = undefined;
      }));
  Object.assign(gauge, {
    collect: async () => {
      if (Date.now() - readAt < refreshMs) return;
      // The first scrape waits for a value; later ones answer the last one while it is refreshed.
      if (known) void refresh();
      else await refresh();
    },
  });
}
