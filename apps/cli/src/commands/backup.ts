import { spawn, spawnSync } from 'node:child_process';
import { backupSqlite, restoreSqlite } from '@mailroom/platform/database/backup';
import { commandConfig } from '../context';
import { CommandFailed, progress, table } from '../terminal';

const installed = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;

/** PostgreSQL's own tools do this better than any wrapper: run them when installed, else say what to run. */
async function postgresTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  if (!installed(tool)) {
    throw new CommandFailed(
      `${tool} is not installed here. Run: ${tool} ${args.join(' ')} ${tool === 'pg_dump' ? '"$DATABASE_URL"' : ''}`,
    );
  }
  // No shell; the password goes in PGPASSWORD rather than the argument list, where `ps` would show it.
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  const child = spawn(tool, [...args, `--dbname=${target.toString()}`], {
    stdio: 'inherit',
    env: password ? { ...process.env, PGPASSWORD: password } : process.env,
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new CommandFailed(`${tool} failed (exit code ${code})`);
}

/**
 * `mailroom backup <file>`: on SQLite an online, consistent copy (writers keep going), integrity-checked before it is
 * reported; on PostgreSQL, pg_dump's custom format (consistent while Mailroom runs).
 */
export async function backup(file: string): Promise<void> {
  const config = commandConfig();
  if (config.database.type === 'postgres') {
    await postgresTool('pg_dump', ['--format=custom', `--file=${file}`], config.database.url);
    console.log(`Backed up the PostgreSQL database to ${file} (pg_dump custom format).`);
    return;
  }
  const { tables } = await backupSqlite(config.database.path, file, progress('Copying'));
  console.log(`Backed up ${config.database.path} to ${file} (integrity checked).`);
  console.log(
    table(
      ['table', 'rows'],
      Object.entries(tables).map(([name, rows]) => [name, String(rows)]),
    ),
  );
}

/** `mailroom restore <file>`: checks the backup, then puts it in place of the database (stop Mailroom first). */
export async function restore(file: string, options: { force?: boolean }): Promise<void> {
  const config = commandConfig();
  if (config.database.type === 'postgres') {
    if (!options.force) throw new CommandFailed('Restoring replaces every table: stop Mailroom, then run with --force');
    await postgresTool('pg_restore', ['--clean', '--if-exists', '--no-owner', file], config.database.url);
    console.log(`Restored ${file}. Start Mailroom; it applies any newer migrations.`);
    return;
  }
  try {
    restoreSqlite(file, config.database.path, options.force ?? false);
  } catch (error) {
    throw new CommandFailed((error as Error).message);
  }
  console.log(`Restored ${file} to ${config.database.path}. Start Mailroom; it applies any newer migrations.`);
}
