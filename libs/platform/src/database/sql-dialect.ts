import type { Dialect } from './dialect';

/**
 * The SQL that differs between SQLite and PostgreSQL, in one place. Everything else (RETURNING, ON CONFLICT upserts,
 * UPDATE … FROM, CTEs) is written once for both. Repositories use these fragments and never branch on the dialect.
 */
export interface SqlDialect {
  /**
   * Row locks for a SELECT inside a transaction. PostgreSQL locks the rows (optionally skipping rows another
   * transaction holds); SQLite needs nothing, since its write transaction already excludes every other writer.
   */
  forUpdate(options?: { skipLocked?: boolean }): string;
  /** Case-insensitive substring match of any of `columns` against `:param`, bound to `containsPattern(text)`. */
  contains(columns: readonly string[], param: string): string;
  /** The UTC calendar day (YYYY-MM-DD) of a timestamp column, for daily series. */
  dayOf(column: string): string;
}

/** The bound value for `contains`: LIKE wildcards in the text are matched literally. */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const postgres: SqlDialect = {
  forUpdate: (options = {}) => (options.skipLocked ? 'FOR UPDATE SKIP LOCKED' : 'FOR UPDATE'),
  contains: (columns, param) => `(${columns.map((column) => `${column} ILIKE :${param} ESCAPE '\\'`).join(' OR ')})`,
  dayOf: (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
};

const sqlite: SqlDialect = {
  forUpdate: () => '',
  // SQLite's LIKE is case-insensitive for ASCII, which is what ILIKE gives for the addresses and names searched.
  contains: (columns, param) => `(${columns.map((column) => `${column} LIKE :${param} ESCAPE '\\'`).join(' OR ')})`,
  dayOf: (column) => `substr(${column}, 1, 10)`,
};

export function sqlDialect(dialect: Dialect): SqlDialect {
  return dialect === 'postgres' ? postgres : sqlite;
}
