// What `mailroom backup <file>` and `mailroom restore <file> [--force]` do (apps/cli).
// SQLite: an online, consistent copy through SQLite's backup API (writers keep going), checked before it is reported;
// restore checks a backup and puts it in place of DATABASE_URL's file while Mailroom is stopped.
// PostgreSQL: pg_dump / pg_restore do this better than any wrapper; the commands are printed.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { MIGRATIONS } from './migrations';

const KNOWN_MIGRATIONS = new Set(MIGRATIONS.map((migration) => migration.name));

/** Problems that make a file unusable as a Mailroom database for this version; empty when it is fine. */
export function checkBackup(file: string): string[] {
  if (!existsSync(file)) return [`${file} does not exist`];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return [`integrity check failed: ${String(integrity)}`];
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (!hasTable) return ['not a Mailroom database (no schema_migrations table)'];
    const applied = db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[];
    const unknown = applied.map((row) => row.name).filter((name) => !KNOWN_MIGRATIONS.has(name));
    return unknown.length > 0 ? [`made by a newer Mailroom (migrations ${unknown.join(', ')}); upgrade first`] : [];
  } finally {
    db.close();
  }
}

/** Pages copied per step: small enough that writers get the database between steps, large enough to finish fast. */
const PAGES_PER_STEP = 1000;

export async function backupSqlite(
  source: string,
  target: string,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ tables: Record<string, number> }> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    let pages = 0;
    await db.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        pages = totalPages;
        onProgress(totalPages - remainingPages, totalPages);
        return PAGES_PER_STEP;
      },
    });
    onProgress(pages, pages);
  } finally {
    db.close();
  }
  const problems = checkBackup(target);
  if (problems.length > 0) throw new Error(`The backup is not usable: ${problems.join('; ')}`);
  const copy = new Database(target, { readonly: true });
  try {
    const tables = ['contact_submissions', 'subscribers', 'newsletters', 'deliveries', 'admin_users'];
    return {
      tables: Object.fromEntries(
        tables.map((table) => [table, (copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n]),
      ),
    };
  } finally {
    copy.close();
  }
}

export function restoreSqlite(backup: string, target: string, force: boolean): void {
  const problems = checkBackup(backup);
  if (problems.length > 0) throw new Error(`Refusing to restore: ${problems.join('; ')}`);
  if (existsSync(target) && !force)
    throw new Error(`${target} exists. Stop Mailroom, then run again with --force to replace it.`);
  // A stale write-ahead log next to the restored file would be replayed into it.
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(backup, target);
}
