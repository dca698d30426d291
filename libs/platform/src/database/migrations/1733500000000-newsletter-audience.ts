import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A newsletter may narrow its audience with a filter (JSON: metadata fields, source, subscription date, newsletters
 * received), applied when the send snapshots its recipients. Null for every newsletter so far: all confirmed
 * subscribers, as before.
 */
export class NewsletterAudience1733500000000 implements MigrationInterface {
  name = 'NewsletterAudience1733500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE newsletters ADD COLUMN audience_filter text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE newsletters DROP COLUMN audience_filter');
  }
}
