import type { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';

/**
 * Newsletters and one delivery row per (newsletter, subscriber): the record of who got what. Delivery scheduling times
 * are epoch milliseconds, like the outbox, so claims compare numbers on both databases.
 */
export class Newsletters1732800000000 implements MigrationInterface {
  name = 'Newsletters1732800000000';

  async up(runner: QueryRunner): Promise<void> {
    const { id, ref, timestamp, now } = columnTypes(runner);
    await runner.query(`CREATE TABLE newsletters (
      id ${id},
      subject varchar(200) NOT NULL,
      preheader varchar(200),
      body text NOT NULL,
      format varchar(16) NOT NULL DEFAULT 'markdown',
      status varchar(16) NOT NULL DEFAULT 'draft',
      send_at ${timestamp},
      started_at ${timestamp},
      finished_at ${timestamp},
      audience_count integer NOT NULL DEFAULT 0,
      failure_reason varchar(500),
      created_by varchar(100),
      created_at ${timestamp} NOT NULL DEFAULT ${now},
      updated_at ${timestamp} NOT NULL DEFAULT ${now},
      CONSTRAINT ck_newsletters_status
        CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled', 'failed')),
      CONSTRAINT ck_newsletters_format CHECK (format IN ('markdown', 'html'))
    )`);
    await runner.query('CREATE INDEX ix_newsletters_status ON newsletters (status, send_at)');
    await runner.query('CREATE INDEX ix_newsletters_created ON newsletters (created_at, id)');

    await runner.query(`CREATE TABLE deliveries (
      id ${id},
      newsletter_id ${ref} NOT NULL,
      subscriber_id ${ref} NOT NULL,
      email varchar(254) NOT NULL,
      status varchar(16) NOT NULL DEFAULT 'pending',
      attempts integer NOT NULL DEFAULT 0,
      available_at bigint NOT NULL,
      lease_owner varchar(100),
      lease_expires_at bigint,
      smtp_response varchar(1000),
      message_id varchar(255),
      sent_by varchar(100),
      finished_at bigint,
      CONSTRAINT uq_deliveries_recipient UNIQUE (newsletter_id, subscriber_id),
      CONSTRAINT fk_deliveries_newsletter FOREIGN KEY (newsletter_id) REFERENCES newsletters (id) ON DELETE CASCADE,
      CONSTRAINT ck_deliveries_status CHECK (status IN ('pending', 'sent', 'failed', 'skipped', 'bounced'))
    )`);
    // Claims walk pending rows in id order; progress counts group one newsletter's rows by status.
    await runner.query('CREATE INDEX ix_deliveries_claim ON deliveries (status, id)');
    await runner.query('CREATE INDEX ix_deliveries_progress ON deliveries (newsletter_id, status)');
    await runner.query('CREATE INDEX ix_deliveries_subscriber ON deliveries (subscriber_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE deliveries');
    await runner.query('DROP TABLE newsletters');
  }
}
