import type { DataSource } from 'typeorm';
import { dialectOf } from './dialect';

// Any constant works; it only has to be the same in every Mailroom process sharing one PostgreSQL database.
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Applies pending migrations. Several API and worker processes may start together on PostgreSQL, so they take
 * turns through an advisory lock; on SQLite the file's write lock does the same.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (dialectOf(dataSource) !== 'postgres') {
    const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    // SQLite has no autovacuum-style statistics: without them the planner may walk a whole index (a status) where a
    // primary-key lookup is meant. `optimize` analyses what needs it, within a bounded amount of work.
    await dataSource.query('PRAGMA optimize=0x10002');
    return applied;
  }
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}
