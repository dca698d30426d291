import { Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { AppConfig } from '../config/app-config';
import { METRIC } from '../metrics/metric-names';
import { MailTransport } from './mail-transport.service';
import { OutboxRepository, type ClaimedJob } from './outbox.repository';
import { PollingLoop } from './polling-loop';
import { classifySmtpFailure, describeSmtpFailure, retryDelayMs } from './smtp-failure';

const MAX_RETRY_DELAY_MS = 15 * 60_000;
const NUDGE_DELAY_MS = 20;

/**
 * Delivers outbox jobs: claims a batch under a lease, sends each, records the outcome. Runs in the API process by
 * default (OUTBOX_DISPATCHER=true) and always in apps/worker. Several dispatchers may share one database.
 */
@Injectable()
export class OutboxDispatcher extends PollingLoop {
  protected readonly logger = new Logger(OutboxDispatcher.name);
  private nudgePending = false;

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly transport: MailTransport,
    @InjectMetric(METRIC.emails) private readonly emails: Counter<'kind' | 'result'>,
  ) {
    super(config.outbox.embeddedDispatcher);
  }

  /**
   * Asks a sleeping dispatcher to look for work soon (after this process enqueued a job). Nudges within a few
   * milliseconds of each other make one round, so a busy form claims jobs in batches rather than one by one.
   */
  nudge(): void {
    if (this.nudgePending) return;
    this.nudgePending = true;
    setTimeout(() => {
      this.nudgePending = false;
      this.wakeUp();
    }, NUDGE_DELAY_MS).unref();
  }

  /** One claim-and-deliver round; returns how many jobs it handled. */
  async tick(): Promise<number> {
    const { batchSize, leaseMs } = this.config.outbox;
    const jobs = await this.outbox.claim(this.owner, batchSize, leaseMs);
    if (this.transport.enabled) await Promise.all(jobs.map((job) => this.deliver(job)));
    else await this.skip(jobs);
    return jobs.length;
  }

  protected idleDelayMs(): number {
    return this.config.outbox.pollIntervalMs;
  }

  /** Without SMTP_HOST nothing is sent: the jobs are recorded as skipped, so nothing waits for ever. */
  private async skip(jobs: readonly ClaimedJob[]): Promise<void> {
    await this.outbox.markSkipped(
      jobs.map((job) => job.id),
      this.owner,
      'SMTP_HOST is not set',
    );
    for (const job of jobs) this.emails.inc({ kind: job.kind, result: 'skipped' });
  }

  private async deliver(job: ClaimedJob): Promise<void> {
    // Deterministic per job: if a crash makes us send twice, receivers and admins can tell it is one message.
    const messageId = `<outbox-${job.id}@${this.transport.domain}>`;
    try {
      const sent = await this.transport.send(job.message, messageId);
      await this.outbox.markSent(job.id, this.owner, { messageId: sent.messageId, smtpResponse: sent.response });
      this.emails.inc({ kind: job.kind, result: 'sent' });
    } catch (error) {
      await this.recordFailure(job, error);
    }
  }

  private async recordFailure(job: ClaimedJob, error: unknown): Promise<void> {
    const reason = describeSmtpFailure(error);
    const { maxAttempts, retryBaseMs } = this.config.outbox;
    if (classifySmtpFailure(error) === 'permanent' || job.attempts >= maxAttempts) {
      await this.outbox.markFailed(job.id, this.owner, reason);
      this.emails.inc({ kind: job.kind, result: 'failed' });
      this.logger.warn(`Email job ${job.id} (${job.kind}) failed after ${job.attempts} attempt(s): ${reason}`);
      return;
    }
    const delay = retryDelayMs(job.attempts, retryBaseMs, MAX_RETRY_DELAY_MS);
    await this.outbox.reschedule(job.id, this.owner, reason, new Date(Date.now() + delay));
    this.emails.inc({ kind: job.kind, result: 'retried' });
    this.logger.warn(`Email job ${job.id} (${job.kind}) will be retried in ${delay} ms: ${reason}`);
  }
}
