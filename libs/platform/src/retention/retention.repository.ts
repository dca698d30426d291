import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';
import { countOf } from '../database/sql';

/** Deletes run in chunks so a large purge never holds SQLite's write lock for long. */
const CHUNK = 1000;

export interface PurgeCounts {
  readonly contact_submissions: number;
  readonly outbox_jobs: number;
  readonly subscriber_tokens: number;
  readonly admin_sessions: number;
  readonly subscribers: number;
  readonly mail_budgets: number;
  readonly audit_log: number;
}

/** What is kept for a fixed time whatever RETENTION_DAYS says (RETENTION_DAYS is about contact submissions). */
export const FIXED_RETENTION = {
  /** Subscribers who never confirmed: their link expired after 7 days; after this the request is dropped. */
  pendingSubscriberDays: 30,
  /** Used links (kept a day so a double click is still "confirmed"). */
  usedTokenDays: 1,
  /** Mails to subscribers once finished (only recipient and subject are kept), and tasks that failed for good. */
  subscriberMailDays: 30,
  /** Failed sign-ins in the audit log. */
  failedSignInDays: 30,
} as const;

const DAY_MS = 86_400_000;

type Target = { table: keyof PurgeCounts; where: string; params: Record<string, unknown>; key?: string };

/** The retention queries: what is past its time in each table, counted or deleted. */
@Injectable()
export class RetentionRepository {
  constructor(private readonly db: DatabaseService) {}

  targets(options: {
    contactCutoff?: Date;
    auditCutoff?: Date;
    now: number;
    sessionIdleMs: number;
    sessionMaxMs: number;
  }): Target[] {
    const { now } = options;
    const daysAgo = (days: number) => new Date(now - days * DAY_MS);
    const targets: Target[] = [
      {
        table: 'subscriber_tokens',
        where: '(expires_at IS NOT NULL AND expires_at < :now) OR used_at < :usedBefore',
        params: { now: new Date(now), usedBefore: daysAgo(FIXED_RETENTION.usedTokenDays) },
      },
      {
        table: 'admin_sessions',
        where: 'last_seen_at < :idleBefore OR created_at < :createdBefore',
        params: {
          idleBefore: new Date(now - options.sessionIdleMs),
          createdBefore: new Date(now - options.sessionMaxMs),
        },
      },
      {
        table: 'subscribers',
        where: "status = 'pending' AND created_at < :before",
        params: { before: daysAgo(FIXED_RETENTION.pendingSubscriberDays) },
      },
      {
        // A budget counts one day; a closed window holds nothing worth keeping.
        table: 'mail_budgets',
        key: 'address_hash',
        where: 'window_started_at < :before',
        params: { before: daysAgo(1) },
      },
      {
        table: 'outbox_jobs',
        where:
          "person_hash IS NOT NULL AND kind <> 'contact.notification' AND status <> 'pending' AND created_at < :before",
        params: { before: daysAgo(FIXED_RETENTION.subscriberMailDays) },
      },
      {
        table: 'audit_log',
        where: "action = 'login_failed' AND created_at < :before",
        params: { before: daysAgo(FIXED_RETENTION.failedSignInDays) },
      },
    ];
    if (options.auditCutoff) {
      targets.push({ table: 'audit_log', where: 'created_at < :cutoff', params: { cutoff: options.auditCutoff } });
    }
    if (options.contactCutoff) {
      const cutoff = options.contactCutoff;
      targets.unshift(
        { table: 'contact_submissions', where: 'created_at < :cutoff', params: { cutoff } },
        // Finished notification jobs hold a copy of the submission (name, address, message): they go too.
        { table: 'outbox_jobs', where: "status <> 'pending' AND created_at < :cutoff", params: { cutoff } },
      );
    }
    return targets;
  }

  refreshStatistics(): Promise<void> {
    return this.db.refreshStatistics();
  }

  async count(target: Target): Promise<number> {
    return countOf(this.db, `SELECT COUNT(*) AS n FROM ${target.table} WHERE ${target.where}`, target.params);
  }

  async delete(target: Target): Promise<number> {
    const key = target.key ?? 'id';
    let deleted = 0;
    for (;;) {
      const rows = await this.db.write(
        `DELETE FROM ${target.table} WHERE ${key} IN (SELECT ${key} FROM ${target.table} WHERE ${target.where} LIMIT ${CHUNK})
         RETURNING ${key}`,
        target.params,
      );
      deleted += rows.length;
      if (rows.length < CHUNK) return deleted;
    }
  }
}
