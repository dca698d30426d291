/** Values for `:name` placeholders. Dates are stored as each database keeps timestamps (see bindNamed). */
export type SqlParams = Readonly<Record<string, unknown>>;
export type Row = Record<string, unknown>;

/** Something that runs SQL with `:name` parameters: the database (for reads) or a transaction (reads and writes). */
export interface Sql {
  query<T extends object = Row>(sql: string, params?: SqlParams): Promise<T[]>;
}

declare const TRANSACTION: unique symbol;

/**
 * A transaction in progress. Only `DatabaseService.transaction` makes one, so a repository method that takes a `Tx`
 * cannot be called outside a transaction, and one that must join the caller's transaction cannot forget to: the
 * compiler refuses both.
 */
export interface Tx extends Sql {
  readonly [TRANSACTION]: true;
}

/**
 * Runs a `SELECT COUNT(*) AS n …` and answers the number (0 when no row comes back). The one place a count's row is
 * read, so callers never parse `n` themselves.
 */
export async function countOf(sql: Sql, text: string, params: SqlParams = {}): Promise<number> {
  const [row] = await sql.query<{ n: number | string }>(text, params);
  return Number(row?.n ?? 0);
}
