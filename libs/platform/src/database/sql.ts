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
