import type { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';

export class NewsletterSubscribers1732400000000 implements MigrationInterface {
  name = 'NewsletterSubscribers1732400000000';

  async up(runner: QueryRunner): Promise<void> {
    const { id, ref, timestamp, now } = columnTypes(runner);
    // The consent record: when, from where and with which browser each change of status was asked for.
    await runner.query(`CREATE TABLE subscribers (
      id ${id},
      email varchar(254) NOT NULL,
      name varchar(200),
      metadata text,
      source varchar(200),
      status varchar(16) NOT NULL DEFAULT 'pending',
      subscribed_at ${timestamp},
      subscribe_ip varchar(64),
      subscribe_user_agent varchar(512),
      confirmed_at ${timestamp},
      confirm_ip varchar(64),
      confirm_user_agent varchar(512),
      unsubscribed_at ${timestamp},
      unsubscribe_ip varchar(64),
      unsubscribe_reason varchar(500),
      last_mail_at bigint,
      mail_window_start bigint,
      mail_window_count integer NOT NULL DEFAULT 0,
      created_at ${timestamp} NOT NULL DEFAULT ${now},
      updated_at ${timestamp} NOT NULL DEFAULT ${now},
      CONSTRAINT uq_subscribers_email UNIQUE (email),
      CONSTRAINT ck_subscribers_status CHECK (status IN ('pending', 'confirmed', 'unsubscribed'))
    )`);
    await runner.query('CREATE INDEX ix_subscribers_status_created ON subscribers (status, created_at, id)');
    await runner.query('CREATE INDEX ix_subscribers_created ON subscribers (created_at, id)');

    // Tokens are stored only as SHA-256 hashes; times are epoch milliseconds.
    await runner.query(`CREATE TABLE subscriber_tokens (
      id ${id},
      subscriber_id ${ref} NOT NULL,
      purpose varchar(16) NOT NULL,
      token_hash char(64) NOT NULL,
      payload varchar(254),
      expires_at bigint,
      used_at bigint,
      created_at bigint NOT NULL,
      CONSTRAINT uq_subscriber_tokens_hash UNIQUE (token_hash),
      CONSTRAINT fk_subscriber_tokens_subscriber FOREIGN KEY (subscriber_id) REFERENCES subscribers (id) ON DELETE CASCADE,
      CONSTRAINT ck_subscriber_tokens_purpose CHECK (purpose IN ('confirm', 'manage', 'unsubscribe', 'change_email'))
    )`);
    await runner.query('CREATE INDEX ix_subscriber_tokens_subscriber ON subscriber_tokens (subscriber_id)');

    // What remains of an erased subscriber: a hash of the address, so it is never mailed again by mistake.
    await runner.query(`CREATE TABLE suppressions (
      id ${id},
      email_hash char(64) NOT NULL,
      reason varchar(32) NOT NULL,
      created_at ${timestamp} NOT NULL DEFAULT ${now},
      CONSTRAINT uq_suppressions_email_hash UNIQUE (email_hash)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE suppressions');
    await runner.query('DROP TABLE subscriber_tokens');
    await runner.query('DROP TABLE subscribers');
  }
}
