import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

/** Every table, parents included: with foreign keys off while they are rebuilt, no child row is touched. */
const TABLES = [
  'contact_submissions',
  'outbox_jobs',
  'subscribers',
  'subscriber_tokens',
  'suppressions',
  'mail_budgets',
  'admin_users',
  'admin_sessions',
  'audit_log',
  'settings',
  'stats_daily',
  'newsletters',
  'deliveries',
];

/** Splits a CREATE TABLE body at its top-level commas (not those inside CHECK (…) or UNIQUE (…)). */
export function topLevelItems(body: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      items.push(body.slice(start, i));
      start = i + 1;
    }
  }
  items.push(body.slice(start));
  return items.map((item) => item.replace(/\s+/g, ' ').trim()).filter((item) => item.length > 0);
}

const quote = (name: string) => (name.startsWith('"') ? name : `"${name}"`);
const quoteList = (list: string) =>
  list
    .split(',')
    .map((name) => quote(name.trim()))
    .join(', ');

/** One item of a CREATE TABLE, with its identifiers quoted (and `char(n)` spelled `character(n)`). */
export function quotedItem(item: string): string {
  const constraint = /^CONSTRAINT (\S+) (.*)$/i.exec(item);
  if (!constraint) {
    const [, name, rest] = /^(\S+) (.*)$/.exec(item)!;
    const definition = rest.replace(/^char\((\d+)\)/i, 'character($1)');
    // A rowid alias is never null; saying so lets a reader of the schema see it.
    const key = /^integer PRIMARY KEY AUTOINCREMENT$/i.test(definition) ? `${definition} NOT NULL` : definition;
    return `${quote(name)} ${key}`;
  }
  const [, name, rest] = constraint;
  const body = rest
    .replace(/^(UNIQUE|PRIMARY KEY) ?\(([^)]*)\)/i, (_, kind: string, list: string) => `${kind} (${quoteList(list)})`)
    .replace(
      /^FOREIGN KEY ?\(([^)]*)\) REFERENCES (\S+) ?\(([^)]*)\)/i,
      (_, from: string, table: string, to: string) =>
        `FOREIGN KEY (${quoteList(from)}) REFERENCES ${quote(table)} (${quoteList(to)})`,
    );
  return `CONSTRAINT ${quote(name)} ${body}`;
}

/**
 * SQLite keeps each table's CREATE statement as it was written, and the first migrations wrote identifiers bare and
 * across lines. Tools that read the schema back from that text (TypeORM's schema comparison among them) only find
 * constraint names, foreign keys and the AUTOINCREMENT column when identifiers are quoted, so each table is rebuilt
 * once from its own statement with every identifier quoted: same columns, types, defaults, constraints, indexes,
 * triggers and rows, and the id sequence carried over. PostgreSQL keeps its catalogue structured; nothing to do there.
 *
 * Parent tables are rebuilt too, so this follows SQLite's procedure for schema changes with foreign keys switched
 * off (https://www.sqlite.org/lang_altertable.html#otheralter), which cannot happen inside a transaction: the
 * migration opens its own, and checks every foreign key before it commits.
 */
export class SqliteQuotedSchema1733100000000 implements MigrationInterface {
  name = 'SqliteQuotedSchema1733100000000';
  transaction = false;

  async up(runner: QueryRunner): Promise<void> {
    if (dialectOf(runner.connection) === 'postgres') return;
    await runner.query('PRAGMA foreign_keys = OFF');
    try {
      await runner.query('BEGIN IMMEDIATE');
      try {
        for (const table of TABLES) await this.rebuild(runner, table);
        const broken = (await runner.query('PRAGMA foreign_key_check')) as unknown[];
        if (broken.length > 0) throw new Error(`foreign keys broken by the rebuild: ${JSON.stringify(broken)}`);
        await runner.query('COMMIT');
      } catch (error) {
        await runner.query('ROLLBACK');
        throw error;
      }
    } finally {
      await runner.query('PRAGMA foreign_keys = ON');
    }
  }

  /** The quoted statements are equivalent to the bare ones: there is nothing to go back to. */
  async down(): Promise<void> {}

  private async rebuild(runner: QueryRunner, table: string): Promise<void> {
    const [definition] = (await runner.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [
      table,
    ])) as { sql: string }[];
    const dependents = (await runner.query(
      `SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL`,
      [table],
    )) as { sql: string }[];
    const [sequence] = (await runner.query('SELECT seq FROM sqlite_sequence WHERE name = ?', [table])) as {
      seq: number;
    }[];
    const body = definition.sql.slice(definition.sql.indexOf('(') + 1, definition.sql.lastIndexOf(')'));
    const temporary = `${table}__quoted`;
    await runner.query(`CREATE TABLE "${temporary}" (${topLevelItems(body).map(quotedItem).join(', ')})`);
    const columns = ((await runner.query(`PRAGMA table_info("${table}")`)) as { name: string }[])
      .map((column) => `"${column.name}"`)
      .join(', ');
    await runner.query(`INSERT INTO "${temporary}" (${columns}) SELECT ${columns} FROM "${table}"`);
    await runner.query(`DROP TABLE "${table}"`);
    await runner.query(`ALTER TABLE "${temporary}" RENAME TO "${table}"`);
    for (const dependent of dependents) await runner.query(dependent.sql);
    if (sequence) {
      // Ids are never reused: the sequence continues from where the old table's left off, not from its highest row.
      await runner.query('UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?', [sequence.seq, table]);
    }
  }
}
