import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import type { MailMessage } from './mail-message';

export interface ClaimedJob {
  readonly id: number;
  readonly kind: string;
  readonly message: MailMessage;
  readonly attempts: number;
}

interface ClaimedRow {
  id: number | string;
  kind: string;
  payload: string;
  attempts: number | string;
}

export interface DeliveryRecord {
  readonly messageId: string;
  readonly smtpResponse: string;
}

const truncate = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value);

/** Every query on `outbox_jobs`. Scheduling times are epoch milliseconds. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Adds a job inside the caller's transaction, so the job exists exactly when the caller's data does. */
  async enqueue(manager: EntityManager, kind: string, message: MailMessage, now = Date.now()): Promise<void> {
    await this.db.query(
      'INSERT INTO outbox_jobs (kind, payload, status, attempts, available_at) VALUES (:kind, :payload, :status, 0, :now)',
      { kind, payload: JSON.stringify(message), status: 'pending', now },
      manager,
    );
  }

  /**
   * Leases up to `limit` due jobs to `owner`. A job whose lease ran out (its worker died) is due again, which makes
   * delivery at-least-once. PostgreSQL skips rows another worker is claiming; on SQLite the statement runs alone.
   */
  async claim(owner: string, limit: number, leaseMs: number, now = Date.now()): Promise<ClaimedJob[]> {
    const lock = this.db.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.db.execute<ClaimedRow>(
      `UPDATE outbox_jobs SET lease_owner = :owner, lease_expires_at = :leaseUntil, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox_jobs
         WHERE status = 'pending' AND available_at <= :now AND (lease_expires_at IS NULL OR lease_expires_at < :now)
         ORDER BY available_at, id LIMIT :limit ${lock}
       )
       RETURNING id, kind, payload, attempts`,
      { owner, leaseUntil: now + leaseMs, now, limit },
    );
    return rows
      .map((row) => ({
        id: Number(row.id),
        kind: row.kind,
        message: JSON.parse(row.payload) as MailMessage,
        attempts: Number(row.attempts),
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
    const now = this.db.dialect === 'postgres' ? 'now()' : "strftime('%Y-%m-%d %H:%M:%f', 'now')";
    await this.db.execute(
      `UPDATE outbox_jobs SET status = 'skipped', lease_owner = NULL, lease_expires_at = NULL, processed_at = ${now},
         last_error = :reason
       WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'pending'`,
      { ids, owner, reason },
    );
  }

  async markFailed(id: number, owner: string, error: string): Promise<void> {
    await this.finish(id, owner, 'failed', { last_error: truncate(error, 1000) });
  }

  async reschedule(id: number, owner: string, error: string, availableAt: number): Promise<void> {
    await this.db.execute(
      `UPDATE outbox_jobs SET lease_owner = NULL, lease_expires_at = NULL, available_at = :availableAt, last_error = :error
       WHERE id = :id AND lease_owner = :owner AND status = 'pending'`,
      { id, owner, availableAt, error: truncate(error, 1000) },
    );
  }

  async depth(): Promise<number> {
    const [row] = await this.db.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM outbox_jobs WHERE status = 'pending'",
    );
    return Number(row?.n ?? 0);
  }

  private async finish(id: number, owner: string, status: string, fields: Record<string, string>): Promise<void> {
    const now = this.db.dialect === 'postgres' ? 'now()' : "strftime('%Y-%m-%d %H:%M:%f', 'now')";
    const assignments = Object.keys(fields).map((column) => `${column} = :${column}`);
    await this.db.execute(
      `UPDATE outbox_jobs SET status = :status, lease_owner = NULL, lease_expires_at = NULL, processed_at = ${now},
         ${assignments.join(', ')}
       WHERE id = :id AND lease_owner = :owner AND status = 'pending'`,
      { id, owner, status, ...fields },
    );
  }
}
