import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';
import { countOf, type Sql, type Tx } from '../database/sql';
import { pageOf, type Page } from '../http/list-query';
import { containsPattern } from '../database/sql-dialect';
import type { Person } from '../privacy/personal-data';
import { OUTBOX_JOBS, type OutboxJob } from './entities/outbox-job.entity';
import { listPage } from '../database/keyset';
import type { MailMessage } from './mail-message';

/** A claimed job: a mail to send, or a task (`payload` is whatever its enqueuer stored) for a registered handler. */
export interface ClaimedJob {
  readonly id: number;
  readonly kind: string;
  readonly payload: unknown;
  readonly attempts: number;
}

export interface DeliveryRecord {
  readonly messageId: string;
  readonly smtpResponse: string;
}

/** A job as admins see it (failed notifications they may send again); no bodies, links or tokens. */
export interface OutboxJobView {
  readonly id: number;
  readonly kind: string;
  readonly status: string;
  readonly to: readonly string[];
  readonly subject: string | null;
  readonly attempts: number;
  readonly last_error: string | null;
  readonly created_at: Date;
  readonly processed_at: Date | null;
}

/** What a person was sent, for "download my data". */
export interface MailRecord {
  readonly kind: string;
  readonly subject: string | null;
  readonly status: string;
  readonly at: Date;
}

type JobRow = Pick<
  OutboxJob,
  'id' | 'kind' | 'payload' | 'status' | 'attempts' | 'last_error' | 'created_at' | 'processed_at'
>;

export interface EnqueueOptions {
  /** Hash of the address the job is about (addressHash): the recipient, or the visitor a notification quotes. */
  readonly personHash?: string;
  readonly now?: Date;
}

const truncate = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value);

/** What a finished mail keeps. */
const kept = (message: MailMessage) => JSON.stringify({ to: message.to, subject: message.subject });

function summary(payload: string): { to: readonly string[]; subject: string | null } {
  try {
    const message = JSON.parse(payload) as Partial<MailMessage>;
    return { to: Array.isArray(message.to) ? message.to : [], subject: message.subject ?? null };
  } catch {
    return { to: [], subject: null };
  }
}

/** Every query on `outbox_jobs`. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Adds a mail inside the caller's transaction, so the job exists exactly when the caller's data does. */
  enqueue(tx: Tx, kind: string, message: MailMessage, options: EnqueueOptions = {}): Promise<void> {
    return this.insert(tx, kind, message, options);
  }

  /** Adds a task (work for a handler registered with OutboxTasks) inside the caller's transaction. */
  enqueueTask(tx: Tx, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
    return this.insert(tx, kind, payload, options);
  }

  /**
   * Leases up to `limit` due jobs to `owner`. A job whose lease ran out (its worker died) is due again, which makes
   * delivery at-least-once. PostgreSQL skips rows another worker is claiming; on SQLite the statement runs alone.
   */
  async claim(owner: string, limit: number, leaseMs: number, now = new Date()): Promise<ClaimedJob[]> {
    const rows = await this.db.write<{ id: number; kind: string; payload: string; attempts: number }>(
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
        payload: JSON.parse(row.payload) as unknown,
        attempts: row.attempts,
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** Extends the leases `owner` still holds; answers the ids it still holds (a lost one is another worker's now). */
  async renew(ids: readonly number[], owner: string, until: Date): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.write<{ id: number }>(
      `UPDATE outbox_jobs SET lease_expires_at = :until
       WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'pending' RETURNING id`,
      { ids, owner, until },
    );
    return rows.map((row) => row.id);
  }

  /**
   * Runs a task's work in one transaction with taking the job off the queue: the work is done once, or not at all
   * (and retried). False when this owner no longer holds the job.
   */
  async runTask(id: number, owner: string, work: (tx: Tx) => Promise<void>): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const taken = await tx.query('DELETE FROM outbox_jobs WHERE id = :id AND lease_owner = :owner RETURNING id', {
        id,
        owner,
      });
      if (taken.length === 0) return false;
      await work(tx);
      return true;
    });
  }

  /**
   * Final states are written only by the lease holder, so a worker whose lease expired cannot overwrite another's.
   * A sent mail keeps only its recipients and subject: no body, and no link with a token a database reader could use.
   */
  async markSent(id: number, owner: string, record: DeliveryRecord, message: MailMessage): Promise<void> {
    await this.finish(id, owner, 'sent', {
      message_id: record.messageId,
      smtp_response: truncate(record.smtpResponse, 1000),
      payload: kept(message),
    });
  }

  /** Skips a batch of claimed mails in one statement (no SMTP configured); like sent ones, they keep no body. */
  async markSkipped(
    jobs: readonly { id: number; message: MailMessage }[],
    owner: string,
    reason: string,
  ): Promise<void> {
    if (jobs.length === 0) return;
    const params: Record<string, unknown> = { owner, reason, now: new Date() };
    const values = jobs.map((job, i) => {
      params[`i${i}`] = job.id;
      params[`p${i}`] = kept(job.message);
      return `(CAST(:i${i} AS bigint), CAST(:p${i} AS text))`;
    });
    await this.db.write(
      `WITH v (id, payload) AS (VALUES ${values.join(', ')})
       UPDATE outbox_jobs SET status = 'skipped', lease_owner = NULL, lease_expires_at = NULL, processed_at = :now,
         last_error = :reason, payload = v.payload
       FROM v WHERE outbox_jobs.id = v.id AND outbox_jobs.lease_owner = :owner AND outbox_jobs.status = 'pending'`,
      params,
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
    return countOf(this.db, "SELECT COUNT(*) AS n FROM outbox_jobs WHERE status = 'pending'");
  }

  /** Mails that failed after every attempt (newest first), for admins to see and send again. */
  async listFailed(query: {
    page: number;
    per_page: number;
    cursor?: string;
    kind?: string;
  }): Promise<Page<OutboxJobView>> {
    const { rows, ...listed } = await listPage<JobRow>(
      this.db,
      OUTBOX_JOBS,
      'id, kind, payload, status, attempts, last_error, created_at, processed_at',
      {
        where: "WHERE status = 'failed' AND (CAST(:kind AS varchar(64)) IS NULL OR kind = :kind)",
        params: { kind: query.kind ?? null },
      },
      { ...query, sort_by: 'id', sort_order: 'desc' },
    );
    return pageOf(
      rows.map(({ payload, ...row }) => ({ ...row, ...summary(payload) })),
      listed,
      query,
    );
  }

  /** Puts a failed job back in the queue with fresh attempts; false when it is not (or no longer) failed. */
  async retry(id: number, now = new Date()): Promise<boolean> {
    const rows = await this.db.write(
      `UPDATE outbox_jobs SET status = 'pending', attempts = 0, available_at = :now, processed_at = NULL,
         lease_owner = NULL, lease_expires_at = NULL
       WHERE id = :id AND status = 'failed' RETURNING id`,
      { id, now },
    );
    return rows.length > 0;
  }

  /** The mails sent (or tried) to a person, newest first. */
  async mailsAbout(personHash: string, on: Sql = this.db): Promise<MailRecord[]> {
    const rows = await on.query<JobRow>(
      `SELECT id, kind, payload, status, attempts, last_error, created_at, processed_at FROM outbox_jobs
       WHERE person_hash = :personHash ORDER BY id DESC LIMIT 1000`,
      { personHash },
    );
    return rows.map((row) => ({
      kind: row.kind,
      subject: summary(row.payload).subject,
      status: row.status,
      at: row.processed_at ?? row.created_at,
    }));
  }

  /**
   * Erasure: every job about the person goes, sent or waiting (a waiting one is cancelled by going), and so does a
   * waiting mail to someone else that names them (an address change onto their address). Finished mails to others
   * keep no body, so they cannot name anyone.
   */
  async deleteAbout(tx: Tx, person: Person): Promise<void> {
    await tx.query('DELETE FROM outbox_jobs WHERE person_hash = :hash', { hash: person.hash });
    await tx.query(
      `DELETE FROM outbox_jobs WHERE status = 'pending' AND ${this.db.sql.contains(['payload'], 'pattern')}`,
      { pattern: containsPattern(person.key) },
    );
  }

  private async insert(tx: Tx, kind: string, payload: unknown, options: EnqueueOptions): Promise<void> {
    const now = options.now ?? new Date();
    await tx.query(
      `INSERT INTO outbox_jobs (kind, payload, status, attempts, available_at, person_hash, created_at)
       VALUES (:kind, :payload, 'pending', 0, :now, :personHash, :now)`,
      { kind, payload: JSON.stringify(payload), personHash: options.personHash ?? null, now },
    );
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
