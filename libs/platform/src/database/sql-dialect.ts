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
  /**
   * One top-level field of a JSON text column, as text (booleans as `true`/`false`, numbers as written, missing or
   * null as NULL), its key bound to `:param` with the value `jsonKeyParam(key)` gives.
   */
  jsonText(column: string, param: string): string;
  jsonKeyParam(key: string): string;
}

/** The bound value for `contains`: LIKE wildcards in the text are matched literally. */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const postgres: SqlDialect = {
  forUpdate: (options = {}) => (options.skipLocked ? 'FOR UPDATE SKIP LOCKED' : 'FOR UPDATE'),
  contains: (columns, param) => `(${columns.map((column) => `${column} ILIKE :${param} ESCAPE '\\'`).join(' OR ')})`,
  dayOf: (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  // CAST, not `::`: the named-parameter binder would read `:jsonb` as a parameter.
  jsonText: (column, param) => `(CAST(${column} AS jsonb) ->> CAST(:${param} AS text))`,
  jsonKeyParam: (key) => key,
};

const sqlite: SqlDialect = {
  forUpdate: () => '',
  // SQLite's LIKE is case-insensitive for ASCII, which is what ILIKE gives for the addresses and names searched.
  contains: (columns, param) => `(${columns.map((column) => `${column} LIKE :${param} ESCAPE '\\'`).join(' OR ')})`,
  dayOf: (column) => `substr(${column}, 1, 10)`,
  // json_extract answers 1/0 for JSON booleans; PostgreSQL's ->> answers true/false, so SQLite is brought in line.
  jsonText: (column, param) =>
    `(CASE json_type(${column}, :${param}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL
      ELSE CAST(json_extract(${column}, :${param}) AS TEXT) END)`,
  // Keys are limited to [A-Za-z0-9_.-] by the callers; quoted so a dot is part of the key, not a path step.
  jsonKeyParam: (key) => `$."${key}"`,
};

export function sqlDialect(dialect: Dialect): SqlDialect {
  return dialect === 'postgres' ? postgres : sqlite;
}
