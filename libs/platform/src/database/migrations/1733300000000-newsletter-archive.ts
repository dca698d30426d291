import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A newsletter can be shown in the public archive (`/archive` and its feed) once sent: off for every newsletter so
 * far, as nothing sent until now was written for the public. The index serves the archive's newest-first listing.
 */
export class NewsletterArchive1733300000000 implements MigrationInterface {
  name = 'NewsletterArchive1733300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE newsletters ADD COLUMN in_archive boolean NOT NULL DEFAULT false');
    await runner.query('CREATE INDEX ix_newsletters_archive ON newsletters (in_archive, finished_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX ix_newsletters_archive');
    await runner.query('ALTER TABLE newsletters DROP COLUMN in_archive');
  }
}
