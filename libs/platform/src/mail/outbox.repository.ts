import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';
import type { Tx } from '../database/sql';
import type { MailMessage } from './mail-message';

export interface ClaimedJob {
  readonly id: number;
  readonly kind: string;
  readonly message: MailMessage;
  readonly attempts: number;
}

interface ClaimedRow {
  id: number;
  kind: string;
  payload: string;
  attempts: number;
}

export interface DeliveryRecord {
  readonly messageId: string;
  readonly smtpResponse: string;
}

const truncate = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value);

/** Every query on `outbox_jobs`. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Adds a job inside the caller's transaction, so the job exists exactly when the caller's data does. */
  async enqueue(tx: Tx, kind: string, message: MailMessage, now = new Date()): Promise<void> {
    await tx.query(
      `INSERT INTO outbox_jobs (kind, payload, status, attempts, available_at, created_at)
       VALUES (:kind, :payload, 'pending', 0, :now, :now)`,
      { kind, payload: JSON.stringify(message), now },
    );
  }

  /**
   * Leases up to `limit` due jobs to `owner`. A job whose lease ran out (its worker died) is due again, which makes
   * delivery at-least-once. PostgreSQL skips rows another worker is claiming; on SQLite the statement runs alone.
   */
  async claim(owner: string, limit: number, leaseMs: number, now = new Date()): Promise<ClaimedJob[]> {
    const rows = await this.db.write<ClaimedRow>(
      `UPDATE outbox_jobs SET lease_owner = :owner, lease_expires_at = :leaseUntil, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox_jobs
         WHERE status = 'pending' AND available_at <= :now AND (lease_expires_at IS NULL OR lease_expires_at < :now)
         ORDER BY available_at, id LIMIT :limit ${this.db.sql.forUpdate({ skipLocked: true })}
       )
       RETURNING id, kind, payload, attempts`,
      { owner, leaseUntil: new Date(now.getTime() + leaseMs), now, limit },
    );
    return rows
      .map((row) => ({
        id: row.id,
        kind: row.kind,
        message: JSON.parse(row.payload) as MailMessage,
        attempts: row.attempts,
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** Final states are written only by the lease holder, so a worker whose lease expired cannot overwrite another's. */
  async markSent(id: number, owner: string, record: DeliveryRecord): Promise<void> {
    await this.finish(id, owner, 'sent', {
      message_id: record.messageId,
      smtp_response: truncate(record.smtpResponse, 1000),
    });
  }

  /** Skips a whole claimed batch in one statement (no SMTP configured). */
  async markSkipped(ids: readonly number[], owner: string, reason: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.write(
      `UPDATE outbox_jobs SET status = 'skipped', lease_owner = NULL, lease_expires_at = NULL, processed_at = :now,
         last_error = :reason
       WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'pending'`,
      { ids, owner, reason, now: new Date() },
    );
  }

  async markFailed(id: number, owner: string, error: string): Promise<void> {
    await this.finish(id, owner, 'failed', { last_error: truncate(error, 1000) });
  }

  async reschedule(id: number, owner: string, error: string, availableAt: Date): Promise<void> {
    await this.db.write(
      `UPDATE outbox_jobs SET lease_owner = NULL, lease_expires_at = NULL, available_at = :availableAt, last_error = :error
       WHERE id = :id AND lease_owner = :owner AND status = 'pending'`,
      { id, owner, availableAt, error: truncate(error, 1000) },
    );
  }

  async depth(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM outbox_jobs WHERE status = 'pending'");
    return Number(row?.n ?? 0);
  }

  private async finish(id: number, owner: string, status: string, fields: Record<string, string>): Promise<void> {
    const assignments = Object.keys(fields).map((column) => `${column} = :${column}`);
    await this.db.write(
      `UPDATE outbox_jobs SET status = :status, lease_owner = NULL, lease_expires_at = NULL, processed_at = :now,
         ${assignments.join(', ')}
       WHERE id = :id AND lease_owner = :owner AND status = 'pending'`,
      { id, owner, status, ...fields, now: new Date() },
    );
  }
}
