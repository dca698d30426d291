/** The slice of better-sqlite3's API Mailroom drives directly. */
interface Statement {
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}

export interface RawSqlite {
  prepare(sql: string): Statement;
  readonly inTransaction: boolean;
}

/**
 * Runs SQL on the one better-sqlite3 connection TypeORM opened, with prepared statements kept per SQL text.
 * TypeORM's query runner costs more than the statement itself on this path (events, logging, result wrapping).
 */
export class SqliteConnection {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: RawSqlite) {}

  run(sql: string, params: readonly unknown[]): unknown[] {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size < 500) this.statements.set(sql, statement);
    }
    const values = params.map((value) => (typeof value === 'boolean' ? Number(value) : value));
    if (statement.reader) return statement.all(...values);
    statement.run(...values);
    return [];
  }

  /** Runs `work` between BEGIN IMMEDIATE and COMMIT, rolling back if it throws. Callers serialise (see DatabaseService). */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    this.run('BEGIN IMMEDIATE', []);
    try {
      const result = await work();
      this.run('COMMIT', []);
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.run('ROLLBACK', []);
      throw error;
    }
  }
}
