import { Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';
import {
  AppConfig,
  LeaseKeeper,
  type Claim,
  MailTransport,
  METRIC,
  PollingLoop,
  addressHash,
  addressKey,
  readAtScrape,
  classifySmtpFailure,
  describeSmtpFailure,
  retryDelayMs,
  type MailMessage,
} from '@mailroom/platform';
import {
  DeliveryRepository,
  type ClaimedDelivery,
  type DeliveryOutcome,
  type RecipientNow,
} from './delivery.repository';
import { compileNewsletter, personalise, type CompiledNewsletter } from '../newsletter-render';
import { NewsletterRepository } from '../newsletter.repository';
import { TemplateRepository } from '../templates/template.repository';
import { DeliveryNotifier } from './delivery-notifier';
import { RateLimiter } from './rate-limiter';
import { SendStarter } from './send-starter';
import { SubscriberLinks } from '../../subscribers/subscriber-links';
import { SUPPRESSION_REASONS, SuppressionRepository } from '../../subscribers/suppression.repository';

const MAX_RETRY_DELAY_MS = 60 * 60_000;
/** Scheduled newsletters are looked for at most this often (not on every batch of a big send). */
const SCHEDULE_CHECK_MS = 1000;
/** How long a newsletter's status is trusted during a batch: a pause or cancel stops a batch within this. */
const STATUS_CHECK_MS = 1000;
/** An enhanced status 5.1.x means the address itself is bad (RFC 3463): never mail it again. */
const BAD_ADDRESS = /\b5\.1\.\d{1,3}\b/;

interface Round {
  readonly claim: Claim;
  readonly ids: readonly number[];
  readonly outcomes: DeliveryOutcome[];
  readonly bounced: string[];
  readonly untried: number[];
}

interface Batch {
  readonly claim: Claim;
  readonly rows: ClaimedDelivery[];
  readonly recipients: Map<number, RecipientNow>;
  readonly suppressed: Set<string>;
  readonly newsletters: Map<number, CompiledNewsletter>;
}

/**
 * Sends newsletters: claims delivery rows under a lease, re-checks each recipient, sends through a pooled SMTP
 * transport at the configured concurrency and rate, and records every outcome. Runs in the API process by default
 * (OUTBOX_DISPATCHER=true) and always in apps/worker; any number of them may share a PostgreSQL database.
 *
 * Guarantees: a row is marked sent only after the SMTP server accepted it; a row another sender holds is never
 * touched, and leases are renewed while a batch is in hand and checked before each message, so however long a batch
 * takes (a low rate limit, a slow server) no row is sent by two senders; after a crash, rows whose lease expired are
 * sent again (at-least-once), so duplicates are limited to the messages in flight. A pause or cancel stops a batch
 * within a second. On stop (SIGTERM), the messages in hand finish, their results are written and untried rows are
 * handed back.
 */
@Injectable()
export class DeliveryWorker extends PollingLoop implements DeliveryNotifier {
  protected readonly logger = new Logger(DeliveryWorker.name);
  private readonly limiter: RateLimiter;
  private readonly compiled = new Map<number, CompiledNewsletter>();
  private recording: Promise<void> = Promise.resolve();
  private claimCursor = 0;
  private schedulesCheckedAt = 0;
  private failuresInARow = 0;
  private restingUntil = 0;
  private readonly leases: LeaseKeeper;
  private readonly statuses = new Map<number, { sending: Promise<boolean>; at: number }>();

  constructor(
    private readonly config: AppConfig,
    private readonly newsletters: NewsletterRepository,
    private readonly templates: TemplateRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly starter: SendStarter,
    private readonly suppressions: SuppressionRepository,
    private readonly links: SubscriberLinks,
    private readonly transport: MailTransport,
    @InjectMetric(METRIC.newsletterMessages) private readonly messages: Counter<'newsletter' | 'result'>,
    @InjectMetric(METRIC.newsletterQueueDepth) private readonly queueDepth: Gauge,
    @InjectMetric(METRIC.smtpSendDuration) private readonly smtpDuration: Histogram<'result'>,
  ) {
    super(config.outbox.embeddedDispatcher);
    this.limiter = new RateLimiter(() => this.config.delivery.ratePerSecond);
    this.leases = new LeaseKeeper(
      config.delivery.leaseMs,
      (ids, until) => this.deliveries.renew(ids, this.owner, until),
      (error) => this.logger.warn(`Renewing delivery leases failed: ${error.message}`),
    );
    readAtScrape(this.queueDepth, () => this.deliveries.queueDepth());
  }

  /** Look for work now (a newsletter was just started or resumed in this process). */
  newsletterReady(): void {
    this.wakeUp();
  }

  /** One round: start due schedules, claim and send a batch, close finished newsletters. Returns rows handled. */
  async tick(): Promise<number> {
    if (Date.now() - this.schedulesCheckedAt >= SCHEDULE_CHECK_MS) {
      this.schedulesCheckedAt = Date.now();
      await this.startDueSchedules();
    }
    if (!this.transport.enabled || Date.now() < this.restingUntil) return 0;
    const { batchSize, leaseMs } = this.config.delivery;
    const claimedAt = Date.now();
    const rows = await this.deliveries.claim(this.owner, batchSize, leaseMs, this.claimCursor, new Date(claimedAt));
    const claim = this.leases.track(
      rows.map((row) => row.id),
      claimedAt,
    );
    // Continue after this batch next time; a short batch means the end was reached, so start over (retries that came
    // due, rows other senders handed back).
    const full = rows.length === batchSize;
    this.claimCursor = full ? rows.at(-1)!.id : 0;
    if (rows.length > 0) this.record(await this.send(await this.prepare(claim, rows)));
    // A full batch means more is waiting: only near the end is it worth asking whether a newsletter has finished.
    if (!full) {
      await this.recording;
      await this.closeFinished();
    }
    return rows.length;
  }

  /**
   * Writes a batch's outcomes while the next batch is claimed and sent, so the SMTP connections do not wait for the
   * database. Writes stay in order, one batch at a time. If one fails, those rows keep their lease and are retried
   * once it expires (the at-least-once case).
   */
  private record(round: Round): void {
    const previous = this.recording;
    this.recording = (async () => {
      await previous;
      try {
        await this.deliveries.transaction(async (tx) => {
          await this.deliveries.finish(tx, this.owner, round.outcomes);
          for (const hash of round.bounced) await this.suppressions.suppress(tx, hash, SUPPRESSION_REASONS.hardBounce);
        });
        await this.deliveries.release(this.owner, round.untried);
      } catch (error) {
        this.logger.error(`Recording ${round.outcomes.length} delivery results failed: ${(error as Error).message}`);
      } finally {
        // Recorded, or left for their leases to expire: either way no longer this sender's to renew.
        this.leases.forget(round.ids, round.claim);
      }
    })();
  }

  /** Resting after repeated SMTP failures, or the usual poll interval. */
  protected idleDelayMs(): number {
    return Math.max(this.restingUntil - Date.now(), this.config.outbox.pollIntervalMs);
  }

  /** Results still being written when the loop ends are written before shutdown continues. */
  protected override async drain(): Promise<void> {
    await this.recording;
    await this.leases.close();
  }

  /**
   * Starts scheduled newsletters whose time has come. One found long after its time (Mailroom was down) is failed
   * with a reason rather than sent by surprise; the admin can send it again.
   */
  private async startDueSchedules(): Promise<void> {
    const now = new Date();
    for (const newsletter of await this.newsletters.dueScheduled(now)) {
      const late = now.getTime() - newsletter.send_at!.getTime();
      if (late > this.config.delivery.scheduleGraceMs) {
        const minutes = Math.round(late / 60_000);
        await this.newsletters.update(newsletter.id, ['scheduled'], {
          status: 'failed',
          failure_reason: `Not sent: found ${minutes} minutes after its scheduled time. Send it again to deliver it.`,
        });
        this.logger.warn(`Newsletter ${newsletter.id} missed its schedule by ${minutes} minutes; not sent`);
        continue;
      }
      await this.starter.start(newsletter.id, ['scheduled'], now);
    }
  }

  /** Everything a batch needs, read in a few queries: recipients now, suppressions, rendered newsletters. */
  private async prepare(claim: Claim, rows: ClaimedDelivery[]): Promise<Batch> {
    const [recipients, suppressed] = await Promise.all([
      this.deliveries.recipientsNow(rows.map((row) => row.subscriberId)),
      this.suppressions.among(rows.map((row) => addressHash(row.email))),
    ]);
    const newsletters = new Map<number, CompiledNewsletter>();
    for (const id of new Set(rows.map((row) => row.newsletterId))) {
      const compiled = this.compiled.get(id) ?? (await this.compile(id));
      if (compiled) newsletters.set(id, compiled);
    }
    return { claim, rows, recipients, suppressed, newsletters };
  }

  /** Content cannot change once sending starts (edits are for drafts), so each newsletter is rendered once. */
  private async compile(id: number): Promise<CompiledNewsletter | undefined> {
    const newsletter = await this.newsletters.findById(id);
    if (!newsletter) return undefined;
    const layout = newsletter.template_id === null ? undefined : await this.templates.findById(newsletter.template_id);
    const compiled = compileNewsletter(
      newsletter,
      { siteName: this.config.siteName, postalAddress: this.config.newsletter.postalAddress },
      layout,
    );
    this.compiled.set(id, compiled);
    return compiled;
  }

  /** Sends a batch with `concurrency` connections busy; returns the outcomes for `record`. */
  private async send(batch: Batch): Promise<Round> {
    const outcomes: DeliveryOutcome[] = [];
    const bounced: string[] = [];
    const untried: number[] = [];
    const queue = [...batch.rows];
    const transporter = this.transport.bulkTransporter(this.config.delivery.concurrency);
    const lane = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        if (!this.isRunning || Date.now() < this.restingUntil || !(await this.stillSending(row.newsletterId))) {
          untried.push(row.id);
          continue;
        }
        const skip = this.skipReason(row, batch);
        if (skip) {
          outcomes.push({ id: row.id, status: 'skipped', smtpResponse: skip });
          this.messages.inc({ newsletter: String(row.newsletterId), result: 'skipped' });
          continue;
        }
        await this.limiter.take();
        // The rate limiter may have waited a while: a newsletter paused or cancelled meanwhile gets its rows back, and
        // only a lease still held with time to spare may be sent on (a lost one is another sender's now).
        if (!(await this.stillSending(row.newsletterId))) {
          untried.push(row.id);
          continue;
        }
        if (!this.leases.holds(row.id)) {
          // Not an outcome to record: the row's lease ran low (renewals failing) or another sender took it.
          this.logger.warn(`Delivery ${row.id} skipped: this sender no longer holds its lease`);
          continue;
        }
        const outcome = await this.deliver(row, batch, transporter);
        outcomes.push(outcome);
        if (outcome.status === 'bounced') bounced.push(addressHash(row.email));
      }
    };
    // Twice as many lanes as connections: each connection has the next message queued when it finishes one.
    const lanes = Math.min(this.config.delivery.concurrency * 2, queue.length);
    await Promise.all(Array.from({ length: lanes }, lane));
    return { claim: batch.claim, ids: batch.rows.map((row) => row.id), outcomes, bounced, untried };
  }

  /** Whether a newsletter is still sending (not paused or cancelled meanwhile), asked at most once a second. */
  private stillSending(newsletterId: number): Promise<boolean> {
    const cached = this.statuses.get(newsletterId);
    if (cached && Date.now() - cached.at < STATUS_CHECK_MS) return cached.sending;
    const sending = this.newsletters.findById(newsletterId).then(
      (newsletter) => newsletter?.status === 'sending',
      () => true, // a failed read does not stop a send; the next check will tell
    );
    this.statuses.set(newsletterId, { sending, at: Date.now() });
    return sending;
  }

  private skipReason(row: ClaimedDelivery, batch: Batch): string | undefined {
    const recipient = batch.recipients.get(row.subscriberId);
    if (!recipient || recipient.status !== 'confirmed') return 'no longer subscribed';
    if (addressKey(recipient.email) !== addressKey(row.email)) return 'address changed since the newsletter started';
    if (batch.suppressed.has(addressHash(row.email))) return 'address is suppressed';
    if (!batch.newsletters.has(row.newsletterId)) return 'newsletter deleted';
    return undefined;
  }

  private async deliver(row: ClaimedDelivery, batch: Batch, transporter: string): Promise<DeliveryOutcome> {
    const newsletter = String(row.newsletterId);
    // Deterministic per delivery: a message sent twice after a crash carries the same id, so it can be told apart.
    const messageId = `<newsletter-${row.newsletterId}-${row.id}@${this.transport.domain}>`;
    const started = process.hrtime.bigint();
    try {
      const sent = await this.transport.send(this.message(row, batch), messageId, transporter);
      this.smtpDuration.observe({ result: 'sent' }, Number(process.hrtime.bigint() - started) / 1e9);
      this.failuresInARow = 0;
      this.messages.inc({ newsletter, result: 'sent' });
      return { id: row.id, status: 'sent', smtpResponse: sent.response, messageId: sent.messageId };
    } catch (error) {
      this.smtpDuration.observe({ result: 'error' }, Number(process.hrtime.bigint() - started) / 1e9);
      return this.failure(row, error);
    }
  }

  private failure(row: ClaimedDelivery, error: unknown): DeliveryOutcome {
    const newsletter = String(row.newsletterId);
    const reason = describeSmtpFailure(error);
    if (classifySmtpFailure(error) === 'permanent') {
      const bounced = BAD_ADDRESS.test(reason);
      this.messages.inc({ newsletter, result: bounced ? 'bounced' : 'failed' });
      return { id: row.id, status: bounced ? 'bounced' : 'failed', smtpResponse: reason };
    }
    // Many temporary failures in a row mean the server (not this address) is in trouble: rest the transport.
    this.failuresInARow += 1;
    const { maxAttempts, retryBaseMs, transportPauseAfter, transportPauseMs } = this.config.delivery;
    if (this.failuresInARow >= transportPauseAfter && Date.now() >= this.restingUntil) {
      this.restingUntil = Date.now() + transportPauseMs;
      this.failuresInARow = 0;
      this.logger.warn(`SMTP failing repeatedly (${reason}); resting the transport for ${transportPauseMs} ms`);
    }
    if (row.attempts >= maxAttempts) {
      this.messages.inc({ newsletter, result: 'failed' });
      return { id: row.id, status: 'failed', smtpResponse: `gave up after ${row.attempts} attempts: ${reason}` };
    }
    this.messages.inc({ newsletter, result: 'retried' });
    const retryAt = new Date(Date.now() + retryDelayMs(row.attempts, retryBaseMs, MAX_RETRY_DELAY_MS));
    return { id: row.id, status: 'retry', retryAt, smtpResponse: reason };
  }

  private message(row: ClaimedDelivery, batch: Batch): MailMessage {
    const recipient = batch.recipients.get(row.subscriberId)!;
    const unsubscribeUrl = this.links.unsubscribe(row.subscriberId);
    const rendered = personalise(batch.newsletters.get(row.newsletterId)!, {
      name: recipient.name ?? '',
      email: row.email,
      unsubscribe_url: unsubscribeUrl,
      manage_url: this.links.managePage(),
    });
    return {
      to: [row.email],
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers: {
        ...this.links.listUnsubscribeHeaders(unsubscribeUrl),
        Precedence: 'bulk',
        // Which campaign a complaint or bounce in the mailbox providers' feedback loops is about (Gmail's format).
        'Feedback-ID': `${row.newsletterId}:newsletter:mailroom`,
        'X-Mailroom-Newsletter': String(row.newsletterId),
      },
    };
  }

  /** A newsletter is sent once every row is final; failed if none could be delivered. */
  private async closeFinished(): Promise<void> {
    for (const id of await this.newsletters.sendingIds()) {
      if (await this.deliveries.hasPending(id)) continue;
      const counts = await this.deliveries.counts(id);
      const undeliverable = counts.sent === 0 && counts.failed + counts.bounced > 0;
      const closed = await this.newsletters.update(id, ['sending'], {
        status: undeliverable ? 'failed' : 'sent',
        finished_at: new Date(),
        ...(undeliverable ? { failure_reason: 'No recipient could be delivered to; see the delivery list.' } : {}),
      });
      if (closed) {
        this.compiled.delete(id);
        this.logger.log(`Newsletter ${id} finished: ${JSON.stringify(counts)}`);
      }
    }
  }
}
