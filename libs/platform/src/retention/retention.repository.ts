import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';

/** Deletes run in chunks so a large purge never holds SQLite's write lock for long. */
const CHUNK = 1000;

export interface PurgeCounts {
  readonly contact_submissions: number;
  readonly outbox_jobs: number;
  readonly subscriber_tokens: number;
  readonly admin_sessions: number;
}

type Target = { table: keyof PurgeCounts; where: string; params: Record<string, unknown> };

/** The retention queries: what is past its time in each table, counted or deleted. */
@Injectable()
export class RetentionRepository {
  constructor(private readonly db: DatabaseService) {}

  targets(options: { contactCutoff?: Date; now: number; sessionIdleMs: number; sessionMaxMs: number }): Target[] {
    const targets: Target[] = [
      {
        table: 'subscriber_tokens',
        where: 'expires_at IS NOT NULL AND expires_at < :now',
        params: { now: new Date(options.now) },
      },
      {
        table: 'admin_sessions',
        where: 'last_seen_at < :idleBefore OR created_at < :createdBefore',
        params: {
          idleBefore: new Date(options.now - options.sessionIdleMs),
          createdBefore: new Date(options.now - options.sessionMaxMs),
        },
      },
    ];
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

  async count(target: Target): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM ${target.table} WHERE ${target.where}`,
      target.params,
    );
    return Number(row?.n ?? 0);
  }

  async delete(target: Target): Promise<number> {
    let deleted = 0;
    for (;;) {
      const rows = await this.db.write(
        `DELETE FROM ${target.table} WHERE id IN (SELECT id FROM ${target.table} WHERE ${target.where} LIMIT ${CHUNK}) RETURNING id`,
        target.params,
      );
      deleted += rows.length;
      if (rows.length < CHUNK) return deleted;
    }
  }
}
