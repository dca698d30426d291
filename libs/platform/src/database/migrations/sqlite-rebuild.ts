import type { QueryRunner } from 'typeorm';

/**
 * SQLite cannot change a column's type or a CHECK constraint in place; the documented way is to build the table anew
 * (https://www.sqlite.org/lang_altertable.html#otheralter). This does it from the table's own CREATE statement:
 * `rewrite` edits that SQL, `select` gives the expression that fills each column (the column itself by default), and
 * the table's indexes are recreated as they were. For tables no foreign key points at: dropping a parent would
 * delete its children through ON DELETE CASCADE.
 */
export async function rebuildSqliteTable(
  runner: QueryRunner,
  table: string,
  rewrite: (createSql: string) => string,
  select: Record<string, string> = {},
): Promise<void> {
  const [definition] = (await runner.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [
    table,
  ])) as { sql: string }[];
  const indexes = (await runner.query(
    `SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`,
    [table],
  )) as { sql: string }[];
  const columns = ((await runner.query(`PRAGMA table_info(${table})`)) as { name: string }[]).map((c) => c.name);
  const temporary = `${table}__rebuild`;
  const created = rewrite(definition.sql).replace(
    new RegExp(`^CREATE TABLE "?${table}"?`),
    `CREATE TABLE ${temporary}`,
  );
  await runner.query(created);
  const kept = ((await runner.query(`PRAGMA table_info(${temporary})`)) as { name: string }[]).map((c) => c.name);
  const copied = kept.filter((column) => columns.includes(column) || column in select);
  await runner.query(
    `INSERT INTO ${temporary} (${copied.join(', ')}) SELECT ${copied.map((c) => select[c] ?? c).join(', ')} FROM ${table}`,
  );
  await runner.query(`DROP TABLE ${table}`);
  await runner.query(`ALTER TABLE ${temporary} RENAME TO ${table}`);
  for (const index of indexes) await runner.query(index.sql);
}

/** SQLite's expression for epoch milliseconds as the UTC text timestamps are kept in. */
export const sqliteFromEpochMs = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL ELSE strftime('%Y-%m-%d %H:%M:%f', ${column} / 1000.0, 'unixepoch') END`;
