/** The slice of better-sqlite3's API Mailroom drives directly. */
interface Statement {
  readonly reader: boolean;
  readonly readonly: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
  columns(): { name: string; type: string | null }[];
}

export interface RawSqlite {
  prepare(sql: string): Statement;
  readonly inTransaction: boolean;
}

interface Prepared {
  readonly statement: Statement;
  /** Result columns declared `datetime`: read back as Dates, as PostgreSQL's driver does for timestamptz. */
  readonly dates: readonly string[];
}

/** How long a write waits, without blocking the event loop, for another process (the worker, a CLI) to commit. */
const WRITE_LOCK_WAIT_MS = 10_000;

const isBusy = (error: unknown) => (error as { code?: string }).code?.startsWith('SQLITE_BUSY') === true;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 'YYYY-MM-DD HH:MM:SS.sss' (UTC, as bindNamed and the migrations' defaults write it) as a Date. */
function sqliteDate(value: unknown): unknown {
  return typeof value === 'string' ? new Date(`${value.replace(' ', 'T')}Z`) : value;
}

/**
 * Runs SQL on the one better-sqlite3 connection TypeORM opened, with prepared statements kept per SQL text.
 * TypeORM's query runner costs more than the statement itself on this path (events, logging, result wrapping).
 * It depends on TypeORM's `driver.databaseConnection` (see DatabaseService): check it when upgrading TypeORM.
 */
export class SqliteConnection {
  private readonly statements = new Map<string, Prepared>();

  constructor(private readonly db: RawSqlite) {}

  /** Runs one statement. Outside a transaction only reads may run: writes take turns (see DatabaseService). */
  run(sql: string, params: readonly unknown[], inTransaction: boolean): unknown[] {
    const { statement, dates } = this.prepare(sql);
    if (!inTransaction && !statement.readonly)
      throw new Error('A write outside a transaction: use DatabaseService.write() or transaction()');
    const values = params.map((value) => (typeof value === 'boolean' ? Number(value) : value));
    if (!statement.reader) {
      statement.run(...values);
      return [];
    }
    const rows = statement.all(...values) as Record<string, unknown>[];
    if (dates.length > 0) for (const row of rows) for (const column of dates) row[column] = sqliteDate(row[column]);
    return rows;
  }

  /**
   * Runs `work` between BEGIN IMMEDIATE and COMMIT, rolling back if it throws. Callers serialise (DatabaseService).
   * While another process holds the write lock, BEGIN is retried on a timer, so the wait never blocks the event
   * loop (busy_timeout stays short for that reason).
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.begin();
    try {
      const result = await work();
      this.run('COMMIT', [], true);
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.run('ROLLBACK', [], true);
      throw error;
    }
  }

  /**
   * Runs `work` inside the transaction in hand as a savepoint: if it throws, its writes are undone and the rest of
   * the transaction goes on. Answers the outcome rather than throwing it.
   */
  async savepoint(work: () => Promise<unknown>): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
    this.run('SAVEPOINT unit', [], true);
    try {
      const value = await work();
      this.run('RELEASE unit', [], true);
      return { ok: true, value };
    } catch (error) {
      this.run('ROLLBACK TO unit', [], true);
      this.run('RELEASE unit', [], true);
      return { ok: false, error };
    }
  }

  private async begin(): Promise<void> {
    const deadline = Date.now() + WRITE_LOCK_WAIT_MS;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      try {
        this.run('BEGIN IMMEDIATE', [], true);
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error;
        await sleep(delay);
      }
    }
  }

  private prepare(sql: string): Prepared {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      const statement = this.db.prepare(sql);
      const dates = statement.reader
        ? statement
            .columns()
            .filter((column) => column.type?.toLowerCase() === 'datetime')
            .map((column) => column.name)
        : [];
      prepared = { statement, dates };
      if (this.statements.size < 500) this.statements.set(sql, prepared);
    }
    return prepared;
  }
}
