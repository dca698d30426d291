// `npm run backup -- <file>` and `npm run restore -- <file> [--force]`.
// SQLite: an online, consistent copy through SQLite's backup API (writers keep going), checked before it is reported;
// restore checks a backup and puts it in place of DATABASE_URL's file while Mailroom is stopped.
// PostgreSQL: pg_dump / pg_restore do this better than any wrapper; the commands are printed.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadProcessConfig } from '../config/load-config';
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

export async function backupSqlite(source: string, target: string): Promise<{ tables: Record<string, number> }> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
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

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if ((command !== 'backup' && command !== 'restore') || !file)
    throw new Error('Usage: npm run backup -- <file> | npm run restore -- <file> [--force]');
  const config = loadProcessConfig();
  if (config.database.type === 'postgres') {
    console.log(
      command === 'backup'
        ? `PostgreSQL: pg_dump --format=custom --file "${file}" "$DATABASE_URL"  (consistent while Mailroom runs)`
        : `PostgreSQL: stop Mailroom, then pg_restore --clean --if-exists --dbname "$DATABASE_URL" "${file}"`,
    );
    process.exitCode = 2;
    return;
  }
  if (command === 'backup') {
    const { tables } = await backupSqlite(config.database.path, file);
    console.log(`Backed up ${config.database.path} to ${file}: ${JSON.stringify(tables)}`);
  } else {
    restoreSqlite(file, config.database.path, values.force ?? false);
    console.log(`Restored ${file} to ${config.database.path}. Start Mailroom; it applies any newer migrations.`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
