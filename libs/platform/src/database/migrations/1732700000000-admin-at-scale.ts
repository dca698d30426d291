import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

/** Text search indexes per dialect: the columns the admin `q` filter searches. */
const SEARCHED = {
  contact_submissions: { index: 'contact_search', columns: ['name', 'company', 'message'] },
  subscribers: { index: 'subscriber_search', columns: ['email', 'name'] },
} as const;

/**
 * What the admin API needs to stay fast at a million rows: substring search through trigram indexes (SQLite FTS5
 * with the trigram tokenizer kept in step by triggers; PostgreSQL pg_trgm GIN indexes), indexes for the other sorts
 * and daily series, and `stats_daily`, where finished days' counts are kept once computed.
 */
export class AdminAtScale1732700000000 implements MigrationInterface {
  name = 'AdminAtScale1732700000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = dialectOf(runner.connection) === 'postgres';
    await runner.query(`CREATE TABLE stats_daily (
      day varchar(10) NOT NULL,
      metric varchar(32) NOT NULL,
      n integer NOT NULL,
      CONSTRAINT pk_stats_daily PRIMARY KEY (day, metric)
    )`);
    await runner.query('CREATE INDEX ix_contact_submissions_name ON contact_submissions (name, id)');
    await runner.query('CREATE INDEX ix_subscribers_unsubscribed ON subscribers (unsubscribed_at)');
    await runner.query('CREATE INDEX ix_outbox_jobs_processed ON outbox_jobs (processed_at, status)');

    if (pg) {
      // pg_trgm is a trusted extension: the database owner may create it.
      await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      for (const [table, { columns }] of Object.entries(SEARCHED)) {
        for (const column of columns) {
          await runner.query(`CREATE INDEX ix_${table}_${column}_trgm ON ${table} USING gin (${column} gin_trgm_ops)`);
        }
      }
      return;
    }
    for (const [table, { index, columns }] of Object.entries(SEARCHED)) {
      const list = columns.join(', ');
      const values = (row: 'new' | 'old') => columns.map((column) => `${row}.${column}`).join(', ');
      await runner.query(
        `CREATE VIRTUAL TABLE ${index} USING fts5(${list}, content='${table}', content_rowid='id', tokenize='trigram')`,
      );
      await runner.query(`CREATE TRIGGER ${index}_insert AFTER INSERT ON ${table} BEGIN
        INSERT INTO ${index} (rowid, ${list}) VALUES (new.id, ${values('new')}); END`);
      await runner.query(`CREATE TRIGGER ${index}_delete AFTER DELETE ON ${table} BEGIN
        INSERT INTO ${index} (${index}, rowid, ${list}) VALUES ('delete', old.id, ${values('old')}); END`);
      await runner.query(`CREATE TRIGGER ${index}_update AFTER UPDATE OF ${list} ON ${table} BEGIN
        INSERT INTO ${index} (${index}, rowid, ${list}) VALUES ('delete', old.id, ${values('old')});
        INSERT INTO ${index} (rowid, ${list}) VALUES (new.id, ${values('new')}); END`);
      await runner.query(`INSERT INTO ${index} (${index}) VALUES ('rebuild')`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const pg = dialectOf(runner.connection) === 'postgres';
    for (const [table, { index, columns }] of Object.entries(SEARCHED)) {
      if (pg) {
        for (const column of columns) await runner.query(`DROP INDEX ix_${table}_${column}_trgm`);
      } else {
        for (const suffix of ['insert', 'delete', 'update']) await runner.query(`DROP TRIGGER ${index}_${suffix}`);
        await runner.query(`DROP TABLE ${index}`);
      }
    }
    await runner.query('DROP INDEX ix_outbox_jobs_processed');
    await runner.query('DROP INDEX ix_subscribers_unsubscribed');
    await runner.query('DROP INDEX ix_contact_submissions_name');
    await runner.query('DROP TABLE stats_daily');
  }
}
