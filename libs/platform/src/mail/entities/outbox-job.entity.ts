import { NOW, column, defineTable, oneOf } from '../../database/table';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A mail or task waiting in (or done with) the outbox. */
export interface OutboxJob {
  id: number;
  kind: string;
  /** JSON: the message, or the task's input. */
  payload: string;
  status: OutboxStatus;
  attempts: number;
  available_at: Date;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  last_error: string | null;
  smtp_response: string | null;
  message_id: string | null;
  /** Hash of the address the job is about, so erasure finds it. */
  person_hash: string | null;
  created_at: Date;
  processed_at: Date | null;
}

export const OUTBOX_JOBS = defineTable<OutboxJob>({
  name: 'outbox_jobs',
  columns: {
    id: column.id(),
    kind: column.varchar(64),
    payload: column.text(),
    status: column.varchar(16, { default: 'pending' }),
    attempts: column.integer({ default: 0 }),
    available_at: column.timestamp(),
    lease_owner: column.varchar(100, { nullable: true }),
    lease_expires_at: column.timestamp({ nullable: true }),
    last_error: column.varchar(1000, { nullable: true }),
    smtp_response: column.varchar(1000, { nullable: true }),
    message_id: column.varchar(255, { nullable: true }),
    person_hash: column.char(64, { nullable: true }),
    created_at: column.timestamp({ default: NOW }),
    processed_at: column.timestamp({ nullable: true }),
  },
  indices: [
    { name: 'ix_outbox_jobs_due', columns: ['status', 'available_at', 'id'] },
    { name: 'ix_outbox_jobs_processed', columns: ['processed_at', 'status'] },
    { name: 'ix_outbox_jobs_person', columns: ['person_hash'] },
  ],
  checks: [{ name: 'ck_outbox_jobs_status', expression: oneOf('status', OUTBOX_STATUSES) }],
});
