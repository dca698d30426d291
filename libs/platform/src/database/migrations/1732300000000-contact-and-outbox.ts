import type { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';

export class ContactAndOutbox1732300000000 implements MigrationInterface {
  name = 'ContactAndOutbox1732300000000';

  async up(runner: QueryRunner): Promise<void> {
    const { id, timestamp, now } = columnTypes(runner);
    await runner.query(`CREATE TABLE contact_submissions (
      id ${id},
      name varchar(200) NOT NULL,
      email varchar(254) NOT NULL,
      message text NOT NULL,
      company varchar(200),
      timeline varchar(100),
      status varchar(16) NOT NULL DEFAULT 'new',
      ip varchar(64),
      user_agent varchar(512),
      created_at ${timestamp} NOT NULL DEFAULT ${now},
      updated_at ${timestamp} NOT NULL DEFAULT ${now},
      CONSTRAINT ck_contact_submissions_status CHECK (status IN ('new', 'read', 'archived', 'spam'))
    )`);
    await runner.query('CREATE INDEX ix_contact_submissions_created_at ON contact_submissions (created_at, id)');
    await runner.query('CREATE INDEX ix_contact_submissions_email ON contact_submissions (email, created_at)');
    await runner.query('CREATE INDEX ix_contact_submissions_status ON contact_submissions (status, created_at)');

    // Times the dispatcher compares are epoch milliseconds: one comparison that means the same on both databases.
    await runner.query(`CREATE TABLE outbox_jobs (
      id ${id},
      kind varchar(64) NOT NULL,
      payload text NOT NULL,
      status varchar(16) NOT NULL DEFAULT 'pending',
      attempts integer NOT NULL DEFAULT 0,
      available_at bigint NOT NULL,
      lease_owner varchar(100),
      lease_expires_at bigint,
      last_error varchar(1000),
      smtp_response varchar(1000),
      message_id varchar(255),
      created_at ${timestamp} NOT NULL DEFAULT ${now},
      processed_at ${timestamp},
      CONSTRAINT ck_outbox_jobs_status CHECK (status IN ('pending', 'sent', 'failed', 'skipped'))
    )`);
    await runner.query('CREATE INDEX ix_outbox_jobs_due ON outbox_jobs (status, available_at, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE outbox_jobs');
    await runner.query('DROP TABLE contact_submissions');
  }
}
