import { Injectable, Logger } from '@nestjs/common';

/**
 * Gauges read from the database when Prometheus scrapes (queue depths), registered by the module that owns the data,
 * so the metrics endpoint need not know every domain.
 */
@Injectable()
export class ScrapeRefreshers {
  private readonly logger = new Logger(ScrapeRefreshers.name);
  private readonly refreshers: (() => Promise<void>)[] = [];

  register(refresh: () => Promise<void>): void {
    this.refreshers.push(refresh);
  }

  /** A gauge that cannot be read keeps its last value; the scrape still answers. */
  async refreshAll(): Promise<void> {
    await Promise.all(
      this.refreshers.map((refresh) =>
        refresh().catch((error: unknown) => this.logger.warn(`Metric refresh failed: ${(error as Error).message}`)),
      ),
    );
  }
}
