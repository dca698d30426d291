import { Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { AppConfig } from '../config/app-config';
import { METRIC } from '../metrics/metric-names';
import { LeaseKeeper } from './lease-keeper';
import { MailTransport } from './mail-transport.service';
import type { MailMessage } from './mail-message';
import { OutboxNotifier } from './outbox-notifier';
import { OutboxRepository, type ClaimedJob } from './outbox.repository';
import { OutboxTasks } from './outbox-tasks';
import { PollingLoop } from './polling-loop';
import { classifySmtpFailure, describeSmtpFailure, retryDelayMs } from './smtp-failure';

const MAX_RETRY_DELAY_MS = 15 * 60_000;

const isMail = (payload: unknown): payload is MailMessage =>
  typeof payload === 'object' && payload !== null && Array.isArray((payload as MailMessage).to);
const NUDGE_DELAY_MS = 20;

/**
 * Drains the outbox: claims a batch under a lease, does each task (through its registered handler) and sends each
 * mail, and records the outcome. Runs in the API process by default (OUTBOX_DISPATCHER=true) and always in
 * apps/worker. Several dispatchers may share one database: leases are renewed while a batch is in hand and checked
 * before each send, so a slow batch is never sent twice.
 */
@Injectable()
export class OutboxDispatcher extends PollingLoop implements OutboxNotifier {
  protected readonly logger = new Logger(OutboxDispatcher.name);
  private nudgePending = false;
  private readonly leases: LeaseKeeper;

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly tasks: OutboxTasks,
    private readonly transport: MailTransport,
    @InjectMetric(METRIC.emails) private readonly emails: Counter<'kind' | 'result'>,
  ) {
    super(config.outbox.embeddedDispatcher);
    this.leases = new LeaseKeeper(
      config.outbox.leaseMs,
      (ids, until) => this.outbox.renew(ids, this.owner, until),
      (error) => this.logger.warn(`Renewing outbox leases failed: ${error.message}`),
    );
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

  mailQueued(): void {
    this.nudge();
  }

  /** One claim-and-deliver round; returns how many jobs it handled. */
  async tick(): Promise<number> {
    const { batchSize, leaseMs } = this.config.outbox;
    const claimedAt = Date.now();
    const jobs = await this.outbox.claim(this.owner, batchSize, leaseMs, new Date(claimedAt));
    if (jobs.length === 0) return 0;
    const claim = this.leases.track(
      jobs.map((job) => job.id),
      claimedAt,
    );
    try {
      const mails = jobs.filter((job) => this.tasks.handlerFor(job.kind) === undefined && isMail(job.payload));
      for (const job of jobs) if (!mails.includes(job)) await this.runTask(job);
      if (this.transport.enabled) await Promise.all(mails.map((job) => this.deliver(job)));
      else await this.skip(mails);
    } finally {
      this.leases.forget(
        jobs.map((job) => job.id),
        claim,
      );
    }
    return jobs.length;
  }

  protected idleDelayMs(): number {
    return this.config.outbox.pollIntervalMs;
  }

  protected override async drain(): Promise<void> {
    await this.leases.close();
  }

  private async runTask(job: ClaimedJob): Promise<void> {
    const handler = this.tasks.handlerFor(job.kind);
    try {
      if (!handler) throw new Error(`No handler for ${job.kind} jobs in this process`);
      await this.outbox.runTask(job.id, this.owner, (tx) => handler(tx, job.payload));
      this.nudge(); // the task may have queued mail
    } catch (error) {
      await this.recordFailure(job, error, 'transient');
    }
  }

  /** Without SMTP_HOST nothing is sent: the mails are recorded as skipped, so nothing waits for ever. */
  private async skip(jobs: readonly ClaimedJob[]): Promise<void> {
    await this.outbox.markSkipped(
      jobs.map((job) => ({ id: job.id, message: job.payload as MailMessage })),
      this.owner,
      'SMTP_HOST is not set',
    );
    for (const job of jobs) this.emails.inc({ kind: job.kind, result: 'skipped' });
  }

  private async deliver(job: ClaimedJob): Promise<void> {
    // A lease that could not be kept: another dispatcher may have this job now, so it is theirs to send.
    if (!this.leases.holds(job.id)) return;
    const message = job.payload as MailMessage;
    // Deterministic per job: if a crash makes us send twice, receivers and admins can tell it is one message.
    const messageId = `<outbox-${job.id}@${this.transport.domain}>`;
    try {
      const sent = await this.transport.send(message, messageId);
      await this.outbox.markSent(
        job.id,
        this.owner,
        { messageId: sent.messageId, smtpResponse: sent.response },
        message,
      );
      this.emails.inc({ kind: job.kind, result: 'sent' });
    } catch (error) {
      await this.recordFailure(job, error, classifySmtpFailure(error));
    }
  }

  private async recordFailure(job: ClaimedJob, error: unknown, kind: 'permanent' | 'transient'): Promise<void> {
    const reason = describeSmtpFailure(error);
    const { maxAttempts, retryBaseMs } = this.config.outbox;
    if (kind === 'permanent' || job.attempts >= maxAttempts) {
      await this.outbox.markFailed(job.id, this.owner, reason);
      this.emails.inc({ kind: job.kind, result: 'failed' });
      this.logger.warn(`Outbox job ${job.id} (${job.kind}) failed after ${job.attempts} attempt(s): ${reason}`);
      return;
    }
    const delay = retryDelayMs(job.attempts, retryBaseMs, MAX_RETRY_DELAY_MS);
    await this.outbox.reschedule(job.id, this.owner, reason, new Date(Date.now() + delay));
    this.emails.inc({ kind: job.kind, result: 'retried' });
    this.logger.warn(`Outbox job ${job.id} (${job.kind}) will be retried in ${delay} ms: ${reason}`);
  }
}
