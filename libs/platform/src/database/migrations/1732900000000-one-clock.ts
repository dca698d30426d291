import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { rebuildSqliteTable, sqliteFromEpochMs } from './sqlite-rebuild';

/** The columns that held epoch milliseconds (bigint) until now: leases, schedules, token and session times. */
export const EPOCH_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  outbox_jobs: ['available_at', 'lease_expires_at'],
  subscribers: ['last_mail_at', 'mail_window_start'],
  subscriber_tokens: ['expires_at', 'used_at', 'created_at'],
  admin_sessions: ['created_at', 'last_seen_at'],
  settings: ['updated_at'],
  deliveries: ['available_at', 'lease_expires_at', 'finished_at'],
};

/**
 * One clock: every time is a timestamp (timestamptz on PostgreSQL, UTC text on SQLite), read back as a Date.
 * The values are converted, not reset: a lease, an expiry or a finish time means the same instant afterwards.
 */
export class OneClock1732900000000 implements MigrationInterface {
  name = 'OneClock1732900000000';

  async up(runner: QueryRunner): Promise<void> {
    if (dialectOf(runner.connection) === 'postgres') {
      for (const [table, columns] of Object.entries(EPOCH_COLUMNS)) {
        const changes = columns.map((c) => `ALTER COLUMN ${c} TYPE timestamptz USING to_timestamp(${c} / 1000.0)`);
        await runner.query(`ALTER TABLE ${table} ${changes.join(', ')}`);
      }
      return;
    }
    for (const [table, columns] of Object.entries(EPOCH_COLUMNS)) {
      if (table === 'subscribers') continue;
      await rebuildSqliteTable(
        runner,
        table,
        (sql) => columns.reduce((text, c) => text.replace(new RegExp(`\\b${c} bigint\\b`), `${c} datetime`), sql),
        Object.fromEntries(columns.map((c) => [c, sqliteFromEpochMs(c)])),
      );
    }
    // subscribers is a parent table (tokens cascade from it), so it is not rebuilt: its two columns are replaced.
    for (const column of EPOCH_COLUMNS.subscribers) {
      await runner.query(`ALTER TABLE subscribers ADD COLUMN ${column}__new datetime`);
      await runner.query(`UPDATE subscribers SET ${column}__new = ${sqliteFromEpochMs(column)}`);
      await runner.query(`ALTER TABLE subscribers DROP COLUMN ${column}`);
      await runner.query(`ALTER TABLE subscribers RENAME COLUMN ${column}__new TO ${column}`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    if (dialectOf(runner.connection) === 'postgres') {
      for (const [table, columns] of Object.entries(EPOCH_COLUMNS)) {
        const changes = columns.map(
          (c) => `ALTER COLUMN ${c} TYPE bigint USING (extract(epoch FROM ${c}) * 1000)::bigint`,
        );
        await runner.query(`ALTER TABLE ${table} ${changes.join(', ')}`);
      }
      return;
    }
    const toEpoch = (c: string) => `CAST(round((julianday(${c}) - 2440587.5) * 86400000) AS INTEGER)`;
    for (const [table, columns] of Object.entries(EPOCH_COLUMNS)) {
      if (table === 'subscribers') continue;
      await rebuildSqliteTable(
        runner,
        table,
        (sql) => columns.reduce((text, c) => text.replace(new RegExp(`\\b${c} datetime\\b`), `${c} bigint`), sql),
        Object.fromEntries(columns.map((c) => [c, toEpoch(c)])),
      );
    }
    for (const column of EPOCH_COLUMNS.subscribers) {
      await runner.query(`ALTER TABLE subscribers ADD COLUMN ${column}__old bigint`);
      await runner.query(`UPDATE subscribers SET ${column}__old = ${toEpoch(column)}`);
      await runner.query(`ALTER TABLE subscribers DROP COLUMN ${column}`);
      await runner.query(`ALTER TABLE subscribers RENAME COLUMN ${column}__old TO ${column}`);
    }
  }
}
