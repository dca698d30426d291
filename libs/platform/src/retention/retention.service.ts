import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RetentionRepository, type PurgeCounts } from './retention.repository';

const DAY_MS = 86_400_000;
const INTERVAL_MS = 60 * 60_000;

/**
 * Data retention. Always, on fixed times (FIXED_RETENTION): expired and used subscriber links, ended admin sessions,
 * subscribers who never confirmed, closed mail budgets, finished mails to subscribers, failed sign-ins. Audit entries
 * after AUDIT_RETENTION_DAYS. Contact submissions (and the notification jobs that copy them) only when RETENTION_DAYS
 * is above 0, which it is not by default. Runs hourly in
 * every process that sends mail (the API by default, and workers); `npm run purge -- --dry-run` shows what it would do.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | undefined;
  private autoStart: boolean;

  constructor(
    private readonly config: AppConfig,
    private readonly retention: RetentionRepository,
  ) {
    this.autoStart = config.outbox.embeddedDispatcher;
  }

  enableAutoStart(): void {
    this.autoStart = true;
  }

  onApplicationBootstrap(): void {
    if (!this.autoStart) return;
    this.timer = setInterval(() => void this.scheduled(), INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** What is past its time, counted (`dryRun`) or deleted. `days` overrides RETENTION_DAYS for a manual run. */
  async purge(options: { dryRun: boolean; days?: number; now?: number }): Promise<PurgeCounts & { days: number }> {
    const now = options.now ?? Date.now();
    const days = options.days ?? this.config.retention.contactDays;
    const targets = this.retention.targets({
      contactCutoff: days > 0 ? new Date(now - days * DAY_MS) : undefined,
      auditCutoff:
        this.config.retention.auditDays > 0 ? new Date(now - this.config.retention.auditDays * DAY_MS) : undefined,
      now,
      sessionIdleMs: this.config.admin.sessionIdleMs,
      sessionMaxMs: this.config.admin.sessionMaxMs,
    });
    const counts: Record<keyof PurgeCounts, number> = {
      contact_submissions: 0,
      outbox_jobs: 0,
      subscriber_tokens: 0,
      admin_sessions: 0,
      subscribers: 0,
      mail_budgets: 0,
      audit_log: 0,
    };
    for (const target of targets) {
      counts[target.table] += options.dryRun ? await this.retention.count(target) : await this.retention.delete(target);
    }
    return { ...counts, days };
  }

  private async scheduled(): Promise<void> {
    try {
      const result = await this.purge({ dryRun: false });
      this.logger.log(`Retention purge: ${JSON.stringify(result)}`);
      await this.retention.refreshStatistics();
    } catch (error) {
      this.logger.error(`Retention purge failed: ${(error as Error).message}`);
    }
  }
}
