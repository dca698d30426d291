import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '@mailroom/platform';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped', 'bounced'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type DeliveryCounts = Record<DeliveryStatus, number>;

export interface ClaimedDelivery {
  readonly id: number;
  readonly newsletterId: number;
  readonly subscriberId: number;
  readonly email: string;
  readonly attempts: number;
}

export interface RecipientNow {
  readonly id: number;
  readonly email: string;
  readonly name: string | null;
  readonly status: string;
}

/** How a claimed row ends this round: final, or back to pending for a later attempt. */
export type DeliveryOutcome =
  | {
      readonly id: number;
      readonly status: Exclude<DeliveryStatus, 'pending'>;
      readonly smtpResponse?: string;
      readonly messageId?: string;
    }
  | { readonly id: number; readonly status: 'retry'; readonly retryAt: number; readonly smtpResponse: string };

export interface DeliveryRow {
  readonly id: number;
  readonly subscriber_id: number;
  readonly email: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly smtp_response: string | null;
  readonly message_id: string | null;
  readonly finished_at: number | null;
}

const truncate = (value: string | undefined, max: number) =>
  value === undefined ? null : value.length > max ? value.slice(0, max) : value;

/**
 * Every query on `deliveries`: one row per (newsletter, subscriber). Rows are claimed under a lease like outbox jobs
 * and finished only by their lease holder, so a sender whose lease ran out cannot overwrite another's result.
 */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Snapshots the audience: one pending row per confirmed subscriber. Running it twice adds nobody twice. */
  async snapshotAudience(m: EntityManager, newsletterId: number, now = Date.now()): Promise<number> {
    await this.db.query(
      `INSERT INTO deliveries (newsletter_id, subscriber_id, email, status, attempts, available_at)
       SELECT :newsletterId, id, email, 'pending', 0, :now FROM subscribers WHERE status = 'confirmed'
       ON CONFLICT (newsletter_id, subscriber_id) DO NOTHING`,
      { newsletterId, now },
      m,
    );
    const [row] = await this.db.query<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM deliveries WHERE newsletter_id = :newsletterId',
      { newsletterId },
      m,
    );
    return Number(row?.n ?? 0);
  }

  /**
   * Leases up to `limit` due rows of newsletters that are sending. PostgreSQL skips rows another sender is claiming;
   * on SQLite the statement runs alone in a short write transaction. The attempt is counted at claim time, so a
   * sender that dies mid-send still used one. `after` lets a sender continue past the rows it just sent: PostgreSQL
   * keeps their old index entries until vacuum, and scanning those from the start every time makes a big send slow.
   */
  async claim(owner: string, limit: number, leaseMs: number, after = 0, now = Date.now()): Promise<ClaimedDelivery[]> {
    const lock = this.db.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.db.execute(
      `UPDATE deliveries SET lease_owner = :owner, lease_expires_at = :leaseUntil, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM deliveries
         WHERE status = 'pending' AND id > :after AND available_at <= :now
           AND (lease_expires_at IS NULL OR lease_expires_at < :now)
           AND newsletter_id IN (SELECT id FROM newsletters WHERE status = 'sending')
         ORDER BY id LIMIT :limit ${lock}
       )
       RETURNING id, newsletter_id, subscriber_id, email, attempts`,
      { owner, leaseUntil: now + leaseMs, now, limit, after },
    );
    return rows
      .map((row) => ({
        id: Number(row.id),
        newsletterId: Number(row.newsletter_id),
        subscriberId: Number(row.subscriber_id),
        email: String(row.email),
        attempts: Number(row.attempts),
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** The recipients as they are now: someone may have unsubscribed since the audience was taken. */
  async recipientsNow(subscriberIds: readonly number[]): Promise<Map<number, RecipientNow>> {
    if (subscriberIds.length === 0) return new Map();
    const rows = await this.db.query('SELECT id, email, name, status FROM subscribers WHERE id IN (:...ids)', {
      ids: [...subscriberIds],
    });
    return new Map(
      rows.map((row) => [
        Number(row.id),
        {
          id: Number(row.id),
          email: String(row.email),
          name: (row.name as string | null) ?? null,
          status: String(row.status),
        },
      ]),
    );
  }

  async suppressedAmong(emailHashes: readonly string[]): Promise<Set<string>> {
    if (emailHashes.length === 0) return new Set();
    const rows = await this.db.query('SELECT email_hash FROM suppressions WHERE email_hash IN (:...hashes)', {
      hashes: [...emailHashes],
    });
    return new Set(rows.map((row) => String(row.email_hash)));
  }

  /** Records a round's outcomes in one transaction, with the suppressions hard bounces call for. */
  async finish(
    owner: string,
    outcomes: readonly DeliveryOutcome[],
    suppress: readonly { emailHash: string; reason: string }[] = [],
  ): Promise<void> {
    if (outcomes.length === 0 && suppress.length === 0) return;
    const now = Date.now();
    const final = outcomes.filter((outcome) => outcome.status !== 'retry');
    // PostgreSQL: one statement for all final rows (a round trip per row would cost more than the sending).
    const batched = this.db.dialect === 'postgres' && final.length > 1;
    await this.db.transaction(async (m) => {
      if (batched) await this.finishAll(m, owner, final, now);
      for (const outcome of outcomes) {
        if (batched && outcome.status !== 'retry') continue;
        if (outcome.status === 'retry') {
          await this.db.query(
            `UPDATE deliveries SET available_at = :retryAt, smtp_response = :response, lease_owner = NULL,
               lease_expires_at = NULL WHERE id = :id AND lease_owner = :owner`,
            { id: outcome.id, owner, retryAt: outcome.retryAt, response: truncate(outcome.smtpResponse, 1000) },
            m,
          );
        } else {
          await this.db.query(
            `UPDATE deliveries SET status = :status, smtp_response = :response, message_id = :messageId, sent_by = :owner,
               finished_at = :now, lease_owner = NULL, lease_expires_at = NULL WHERE id = :id AND lease_owner = :owner`,
            {
              id: outcome.id,
              owner,
              status: outcome.status,
              response: truncate(outcome.smtpResponse, 1000),
              messageId: truncate(outcome.messageId, 255),
              now,
            },
            m,
          );
        }
      }
      for (const { emailHash, reason } of suppress) {
        await this.db.query(
          `INSERT INTO suppressions (email_hash, reason, created_at) VALUES (:emailHash, :reason, :at)
           ON CONFLICT (email_hash) DO NOTHING`,
          { emailHash, reason: reason.slice(0, 200), at: this.db.timestamp(new Date(now)) },
          m,
        );
      }
    });
  }

  private async finishAll(
    m: EntityManager,
    owner: string,
    outcomes: readonly Exclude<DeliveryOutcome, { status: 'retry' }>[],
    now: number,
  ): Promise<void> {
    const params: Record<string, unknown> = { owner, now };
    const rows = outcomes.map((outcome, i) => {
      params[`i${i}`] = outcome.id;
      params[`s${i}`] = outcome.status;
      params[`r${i}`] = truncate(outcome.smtpResponse, 1000);
      params[`m${i}`] = truncate(outcome.messageId, 255);
      return `(CAST(:i${i} AS bigint), CAST(:s${i} AS varchar), CAST(:r${i} AS varchar), CAST(:m${i} AS varchar))`;
    });
    await this.db.query(
      `UPDATE deliveries AS d SET status = v.status, smtp_response = v.response, message_id = v.message_id,
         sent_by = :owner, finished_at = :now, lease_owner = NULL, lease_expires_at = NULL
       FROM (VALUES ${rows.join(', ')}) AS v (id, status, response, message_id)
       WHERE d.id = v.id AND d.lease_owner = :owner`,
      params,
      m,
    );
  }

  /** Hands back rows this sender claimed but did not try (shutdown, pause, resting transport): no attempt used. */
  async release(owner: string, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.execute(
      `UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL, attempts = attempts - 1
       WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'pending'`,
      { ids: [...ids], owner },
    );
  }

  async hasPending(newsletterId: number): Promise<boolean> {
    const rows = await this.db.query(
      "SELECT id FROM deliveries WHERE newsletter_id = :newsletterId AND status = 'pending' LIMIT 1",
      { newsletterId },
    );
    return rows.length > 0;
  }

  async counts(newsletterId: number): Promise<DeliveryCounts> {
    const rows = await this.db.query<{ status: DeliveryStatus; n: number | string }>(
      'SELECT status, COUNT(*) AS n FROM deliveries WHERE newsletter_id = :newsletterId GROUP BY status',
      { newsletterId },
    );
    const counts: DeliveryCounts = { pending: 0, sent: 0, failed: 0, skipped: 0, bounced: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /** Cancelling: rows nobody holds are skipped now; rows in a sender's hands finish as they go. */
  async cancelPending(m: EntityManager, newsletterId: number, now = Date.now()): Promise<void> {
    await this.db.query(
      `UPDATE deliveries SET status = 'skipped', smtp_response = 'cancelled', finished_at = :now
       WHERE newsletter_id = :newsletterId AND status = 'pending' AND (lease_expires_at IS NULL OR lease_expires_at < :now)`,
      { newsletterId, now },
      m,
    );
  }

  async list(
    newsletterId: number,
    filter: { status?: DeliveryStatus; q?: string; page: number; per_page: number },
  ): Promise<{ rows: DeliveryRow[]; total: number; exact: boolean }> {
    const clauses = ['newsletter_id = :newsletterId'];
    const params: Record<string, unknown> = { newsletterId };
    if (filter.status) {
      clauses.push('status = :status');
      params.status = filter.status;
    }
    if (filter.q) {
      clauses.push(`email ${this.db.dialect === 'postgres' ? 'ILIKE' : 'LIKE'} :q ESCAPE '\\'`);
      params.q = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const where = `WHERE ${clauses.join(' AND ')}`;
    const [rows, { total, exact }] = await Promise.all([
      this.db.query(
        `SELECT id, subscriber_id, email, status, attempts, smtp_response, message_id, finished_at
         FROM deliveries ${where} ORDER BY id LIMIT :limit OFFSET :offset`,
        { ...params, limit: filter.per_page, offset: (filter.page - 1) * filter.per_page },
      ),
      this.db.countMatching('deliveries', where, params),
    ]);
    return {
      rows: rows.map((row) => ({
        id: Number(row.id),
        subscriber_id: Number(row.subscriber_id),
        email: String(row.email),
        status: row.status as DeliveryStatus,
        attempts: Number(row.attempts),
        smtp_response: (row.smtp_response as string | null) ?? null,
        message_id: (row.message_id as string | null) ?? null,
        finished_at: row.finished_at === null ? null : Number(row.finished_at),
      })),
      total,
      exact,
    };
  }

  /** Rows waiting to be sent across newsletters that are sending or paused (the queue-depth gauge). */
  async queueDepth(): Promise<number> {
    const [row] = await this.db.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'
         AND newsletter_id IN (SELECT id FROM newsletters WHERE status IN ('sending', 'paused'))`,
    );
    return Number(row?.n ?? 0);
  }

  /** What a subscriber was sent (their detail page in the dashboard), with each newsletter's subject. */
  async forSubscriber(
    subscriberId: number,
  ): Promise<{ newsletter_id: number; subject: string; status: string; finished_at: number | null }[]> {
    const rows = await this.db.query(
      `SELECT d.newsletter_id, n.subject, d.status, d.finished_at
         FROM deliveries d JOIN newsletters n ON n.id = d.newsletter_id
        WHERE d.subscriber_id = :subscriberId ORDER BY d.id DESC LIMIT 100`,
      { subscriberId },
    );
    return rows.map((row) => ({
      newsletter_id: Number(row.newsletter_id),
      subject: String(row.subject),
      status: String(row.status),
      finished_at: row.finished_at === null ? null : Number(row.finished_at),
    }));
  }
}
