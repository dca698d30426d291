import { Injectable } from '@nestjs/common';
import { DatabaseService, containsPattern, countOf, listPage, type ListedRows, type Tx } from '@mailroom/platform';

import { DELIVERIES, type Delivery, type DeliveryStatus } from '../entities/delivery.entity';
import { compileAudienceFilter, type AudienceFilter } from '../audience/audience-filter';

export { DELIVERY_STATUSES, type DeliveryStatus } from '../entities/delivery.entity';
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
  | { readonly id: number; readonly status: 'retry'; readonly retryAt: Date; readonly smtpResponse: string };

export type DeliveryRow = Readonly<
  Pick<
    Delivery,
    'id' | 'subscriber_id' | 'email' | 'status' | 'attempts' | 'smtp_response' | 'message_id' | 'finished_at'
  >
>;

/** The row's newsletter was cancelled (SQL, for rows coming back from a sender). */
const CANCELLED = "newsletter_id IN (SELECT id FROM newsletters WHERE status = 'cancelled')";

const truncate = (value: string | undefined, max: number) =>
  value === undefined ? null : value.length > max ? value.slice(0, max) : value;

/**
 * Every query on `deliveries`: one row per (newsletter, subscriber). Rows are claimed under a lease like outbox jobs
 * and finished only by their lease holder, so a sender whose lease ran out cannot overwrite another's result.
 */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly db: DatabaseService) {}

  /**
   * Snapshots the audience: one pending row per confirmed subscriber the filter lets through (all of them without
   * one). Running it twice adds nobody twice.
   */
  async snapshotAudience(
    tx: Tx,
    newsletterId: number,
    filter: AudienceFilter | null,
    now = new Date(),
  ): Promise<number> {
    const { where, params } = compileAudienceFilter(filter, this.db.sql);
    await tx.query(
      `INSERT INTO deliveries (newsletter_id, subscriber_id, email, status, attempts, available_at)
       SELECT :newsletterId, id, email, 'pending', 0, :now FROM subscribers
        WHERE status = 'confirmed' ${where ? `AND ${where}` : ''}
       ON CONFLICT (newsletter_id, subscriber_id) DO NOTHING`,
      { ...params, newsletterId, now },
    );
    return countOf(tx, 'SELECT COUNT(*) AS n FROM deliveries WHERE newsletter_id = :newsletterId', { newsletterId });
  }

  /**
   * Leases up to `limit` due rows of newsletters that are sending. PostgreSQL skips rows another sender is claiming;
   * on SQLite the statement runs alone in a short write transaction. The attempt is counted at claim time, so a
   * sender that dies mid-send still used one. `after` lets a sender continue past the rows it just sent: PostgreSQL
   * keeps their old index entries until vacuum, and scanning those from the start every time makes a big send slow.
   */
  async claim(owner: string, limit: number, leaseMs: number, after = 0, now = new Date()): Promise<ClaimedDelivery[]> {
    const rows = await this.db.write<{
      id: number;
      newsletter_id: number;
      subscriber_id: number;
      email: string;
      attempts: number;
    }>(
      `UPDATE deliveries SET lease_owner = :owner, lease_expires_at = :leaseUntil, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM deliveries
         WHERE status = 'pending' AND id > :after AND available_at <= :now
           AND (lease_expires_at IS NULL OR lease_expires_at < :now)
           AND newsletter_id IN (SELECT id FROM newsletters WHERE status = 'sending')
         ORDER BY id LIMIT :limit ${this.db.sql.forUpdate({ skipLocked: true })}
       )
       RETURNING id, newsletter_id, subscriber_id, email, attempts`,
      { owner, leaseUntil: new Date(now.getTime() + leaseMs), now, limit, after },
    );
    return rows
      .map((row) => ({
        id: row.id,
        newsletterId: row.newsletter_id,
        subscriberId: row.subscriber_id,
        email: row.email,
        attempts: row.attempts,
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** The recipients as they are now: someone may have unsubscribed since the audience was taken. */
  async recipientsNow(subscriberIds: readonly number[]): Promise<Map<number, RecipientNow>> {
    if (subscriberIds.length === 0) return new Map();
    const rows = await this.db.query<RecipientNow>(
      'SELECT id, email, name, status FROM subscribers WHERE id IN (:...ids)',
      { ids: [...subscriberIds] },
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Records a round's outcomes. Final ones are written in one statement; retries go back to pending for later, except
   * in a newsletter cancelled meanwhile, where they are skipped (nothing may stay pending in a cancelled newsletter).
   */
  async finish(tx: Tx, owner: string, outcomes: readonly DeliveryOutcome[], now = new Date()): Promise<void> {
    const final = outcomes.filter((outcome) => outcome.status !== 'retry');
    if (final.length > 0) await this.finishAll(tx, owner, final, now);
    for (const outcome of outcomes) {
      if (outcome.status !== 'retry') continue;
      await tx.query(
        `UPDATE deliveries SET available_at = :retryAt, smtp_response = :response, lease_owner = NULL,
           lease_expires_at = NULL,
           status = CASE WHEN ${CANCELLED} THEN 'skipped' ELSE status END,
           finished_at = CASE WHEN ${CANCELLED} THEN :now ELSE finished_at END
         WHERE id = :id AND lease_owner = :owner`,
        { id: outcome.id, owner, retryAt: outcome.retryAt, response: truncate(outcome.smtpResponse, 1000), now },
      );
    }
  }

  /** Extends the leases `owner` still holds; answers the ids it still holds. */
  async renew(ids: readonly number[], owner: string, until: Date): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.write<{ id: number }>(
      `UPDATE deliveries SET lease_expires_at = :until
       WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'pending' RETURNING id`,
      { ids: [...ids], owner, until },
    );
    return rows.map((row) => row.id);
  }

  /** All final rows of a round in one statement: a round trip per row would cost more than the sending. */
  private async finishAll(
    tx: Tx,
    owner: string,
    outcomes: readonly Exclude<DeliveryOutcome, { status: 'retry' }>[],
    now: Date,
  ): Promise<void> {
    const params: Record<string, unknown> = { owner, now };
    const rows = outcomes.map((outcome, i) => {
      params[`i${i}`] = outcome.id;
      params[`s${i}`] = outcome.status;
      params[`r${i}`] = truncate(outcome.smtpResponse, 1000);
      params[`m${i}`] = truncate(outcome.messageId, 255);
      return `(CAST(:i${i} AS bigint), CAST(:s${i} AS varchar), CAST(:r${i} AS varchar), CAST(:m${i} AS varchar))`;
    });
    // A CTE rather than `FROM (VALUES …) AS v (columns)`: SQLite has no column list on a VALUES alias.
    await tx.query(
      `WITH v (id, status, response, message_id) AS (VALUES ${rows.join(', ')})
       UPDATE deliveries SET status = v.status, smtp_response = v.response, message_id = v.message_id,
         sent_by = :owner, finished_at = :now, lease_owner = NULL, lease_expires_at = NULL
       FROM v WHERE deliveries.id = v.id AND deliveries.lease_owner = :owner`,
      params,
    );
  }

  /** Hands back rows this sender claimed but did not try (shutdown, pause, resting transport): no attempt used. */
  async release(owner: string, ids: readonly number[], now = new Date()): Promise<void> {
    if (ids.length === 0) return;
    await this.db.write(
      `UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL, attempts = attempts - 1,
         status = CASE WHEN ${CANCELLED} THEN 'skipped' ELSE status END,
         smtp_response = CASE WHEN ${CANCELLED} THEN 'cancelled' ELSE smtp_response END,
         finished_at = CASE WHEN ${CANCELLED} THEN :now ELSE finished_at END
       WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'pending'`,
      { ids: [...ids], owner, now },
    );
  }

  /** How many confirmed subscribers a filter lets through now: the number a send would snapshot. */
  async audienceSize(filter: AudienceFilter | null): Promise<number> {
    const { where, params } = compileAudienceFilter(filter, this.db.sql);
    return countOf(
      this.db,
      `SELECT COUNT(*) AS n FROM subscribers WHERE status = 'confirmed' ${where ? `AND ${where}` : ''}`,
      params,
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
    const rows = await this.db.query<{ status: DeliveryStatus; n: number }>(
      'SELECT status, COUNT(*) AS n FROM deliveries WHERE newsletter_id = :newsletterId GROUP BY status',
      { newsletterId },
    );
    const counts: DeliveryCounts = { pending: 0, sent: 0, failed: 0, skipped: 0, bounced: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /**
   * Cancelling: every pending row is skipped now. A row in a sender's hands keeps its lease, so if the message was
   * already on its way its real outcome (sent, failed) still replaces the skip; nothing is left pending.
   */
  async cancelPending(tx: Tx, newsletterId: number, now = new Date()): Promise<void> {
    await tx.query(
      `UPDATE deliveries SET status = 'skipped', smtp_response = 'cancelled', finished_at = :now
       WHERE newsletter_id = :newsletterId AND status = 'pending'`,
      { newsletterId, now },
    );
  }

  async list(
    newsletterId: number,
    filter: { status?: DeliveryStatus; q?: string; page: number; per_page: number; cursor?: string },
  ): Promise<ListedRows<DeliveryRow>> {
    const clauses = ['newsletter_id = :newsletterId'];
    const params: Record<string, unknown> = { newsletterId };
    if (filter.status) {
      clauses.push('status = :status');
      params.status = filter.status;
    }
    if (filter.q) {
      clauses.push(this.db.sql.contains(['email'], 'q'));
      params.q = containsPattern(filter.q);
    }
    // In send order (id ascending), whatever sort the query names: the list is a send's progress.
    return listPage<DeliveryRow>(
      this.db,
      DELIVERIES,
      'id, subscriber_id, email, status, attempts, smtp_response, message_id, finished_at',
      { where: `WHERE ${clauses.join(' AND ')}`, params },
      { ...filter, sort_by: 'id', sort_order: 'asc' },
    );
  }

  /** Rows waiting to be sent across newsletters that are sending or paused (the queue-depth gauge). */
  async queueDepth(): Promise<number> {
    return countOf(
      this.db,
      `SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'
         AND newsletter_id IN (SELECT id FROM newsletters WHERE status IN ('sending', 'paused'))`,
    );
  }

  /** What a subscriber was sent (their detail page in the dashboard), with each newsletter's subject. */
  async forSubscriber(
    subscriberId: number,
  ): Promise<{ newsletter_id: number; subject: string; status: string; finished_at: Date | null }[]> {
    return this.db.query(
      `SELECT d.newsletter_id, n.subject, d.status, d.finished_at
         FROM deliveries d JOIN newsletters n ON n.id = d.newsletter_id
        WHERE d.subscriber_id = :subscriberId ORDER BY d.id DESC LIMIT 100`,
      { subscriberId },
    );
  }
}
