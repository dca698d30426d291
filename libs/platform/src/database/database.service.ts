import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf, type Dialect } from './dialect';
import { bindNamed } from './named-parameters';
import { countOf, type Row, type Sql, type SqlParams, type Tx } from './sql';
import { sqlDialect, type SqlDialect } from './sql-dialect';
import { SqliteConnection, type RawSqlite } from './sqlite-connection';
import { SqliteWriteQueue } from './sqlite-write-queue';

/**
 * The one way repositories reach the database: SQL with `:name` parameters, on either database.
 * - `query` reads. It never opens a transaction and never waits behind writes.
 * - `write` runs one write statement on its own.
 * - `transaction` runs several statements atomically; the `Tx` it hands out is what writes inside it take.
 *
 * SQLite has one connection, so writes take turns here (overlapping transactions on it would nest inside each other;
 * those that queue up commit together, see SqliteWriteQueue) and run directly on better-sqlite3 with cached prepared
 * statements. PostgreSQL gives each transaction its own
 * pooled connection through TypeORM. Timestamps come back as Dates from both.
 */
@Injectable()
export class DatabaseService implements Sql {
  readonly dialect: Dialect;
  /** What differs between the two databases: the only place repositories get dialect-specific SQL from. */
  readonly sql: SqlDialect;
  private readonly sqlite: SqliteConnection | undefined;
  private readonly sqliteWrites: SqliteWriteQueue | undefined;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
    this.sql = sqlDialect(this.dialect);
    this.sqlite =
      this.dialect === 'sqlite'
        ? new SqliteConnection((dataSource.driver as unknown as { databaseConnection: RawSqlite }).databaseConnection)
        : undefined;
    this.sqliteWrites = this.sqlite ? new SqliteWriteQueue(this.sqlite) : undefined;
  }

  /** A read, outside any transaction. On SQLite a write here throws (writes go through `write` or `transaction`). */
  query<T extends object = Row>(sql: string, params: SqlParams = {}): Promise<T[]> {
    return this.run<T>(sql, params, undefined);
  }

  /** One write statement, atomic on its own; it takes its turn behind running transactions on SQLite. */
  write<T extends object = Row>(sql: string, params: SqlParams = {}): Promise<T[]> {
    if (!this.sqlite) return this.run<T>(sql, params, undefined);
    return this.transaction((tx) => tx.query<T>(sql, params));
  }

  /** Runs `work` in one transaction; everything it writes goes through the `Tx` it is given. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (!this.sqliteWrites) return this.dataSource.transaction((manager) => work(this.tx(manager)));
    return this.sqliteWrites.run(() => work(this.tx(undefined)));
  }

  /** Counts rows per UTC day of `column` in [from, to), with an optional extra condition (fixed SQL, no input). */
  async countByDay(table: string, column: string, from: Date, to: Date, condition = ''): Promise<Map<string, number>> {
    const day = this.sql.dayOf(column);
    const rows = await this.query<{ day: string; n: number }>(
      `SELECT ${day} AS day, COUNT(*) AS n FROM ${table}
       WHERE ${column} >= :from AND ${column} < :to ${condition ? `AND ${condition}` : ''} GROUP BY ${day}`,
      { from, to },
    );
    return new Map(rows.map((row) => [row.day, Number(row.n)]));
  }

  /**
   * Rows matching a list filter, for page totals. Up to EXACT_COUNT_LIMIT they are counted exactly. Beyond that an
   * exact COUNT(*) reads every matching index entry (tens of milliseconds a request at a million rows, on every page),
   * so both databases answer an estimate and say so (`exact: false`): PostgreSQL its planner's, SQLite a sample's.
   */
  async countMatching(
    table: string,
    where: string,
    params: SqlParams,
    options: { readonly estimate?: boolean } = {},
  ): Promise<{ total: number; exact: boolean }> {
    // A search too common to list its ids (SqlFilter.resolve): counting even the first 10,000 would scan for them.
    if (options.estimate && this.sqlite)
      return { total: await this.sampledCount(table, where, params, 0), exact: false };
    const n = await countOf(
      this,
      `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} ${where} LIMIT ${EXACT_COUNT_LIMIT + 1}) AS capped`,
      params,
    );
    if (n <= EXACT_COUNT_LIMIT) return { total: n, exact: true };
    if (this.sqlite) return { total: await this.sampledCount(table, where, params), exact: false };
    const [plan] = await this.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table} ${where}`,
      params,
    );
    const estimate = Math.round(plan?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? n);
    return { total: Math.max(estimate, EXACT_COUNT_LIMIT + 1), exact: false };
  }

  /**
   * SQLite has no planner estimate to ask, so the filter is tried on a stratified random sample of ids: one random id
   * run of SAMPLE_RUN consecutive ids starting at a random place in each of SAMPLE_RUNS equal slices of the id range
   * (random within a slice, so rows that repeat a pattern by id cannot line up with the sample; consecutive within a
   * run, so the whole sample touches about SAMPLE_RUNS table pages, not one page per id: a cold page cache made
   * scattered lookups cost 20 ms). Matches over the sample, times the range, estimate the total: within a few per cent
   * for a filter matching half the rows.
   */
  private async sampledCount(
    table: string,
    where: string,
    params: SqlParams,
    atLeast = EXACT_COUNT_LIMIT + 1,
  ): Promise<number> {
    const [range] = await this.query<{ lo: number; hi: number }>(
      `SELECT (SELECT MIN(id) FROM ${table}) AS lo, (SELECT MAX(id) FROM ${table}) AS hi`,
    );
    const lo = Number(range.lo);
    const span = Number(range.hi) - lo + 1;
    if (!(span > 0)) return atLeast;
    const slice = span / SAMPLE_RUNS;
    const ids: number[] = [];
    for (let run = 0; run < SAMPLE_RUNS; run++) {
      const start = lo + Math.floor((run + Math.random()) * slice);
      for (let i = 0; i < SAMPLE_RUN; i++) ids.push(start + i);
    }
    const condition = where.replace(/^WHERE /, '');
    const matched = await countOf(
      this,
      `SELECT COUNT(*) AS n FROM ${table} WHERE id IN (SELECT value FROM json_each(:sampleIds))
       ${condition ? `AND (${condition})` : ''}`,
      { ...params, sampleIds: JSON.stringify(ids) },
    );
    return Math.max(Math.round((matched * span) / ids.length), atLeast);
  }

  /** Keeps SQLite's planner statistics current as tables grow (PostgreSQL's autovacuum does this by itself). */
  async refreshStatistics(): Promise<void> {
    if (this.sqlite) await this.write('PRAGMA optimize');
  }

  private tx(manager: EntityManager | undefined): Tx {
    return {
      query: <T extends object>(sql: string, params: SqlParams = {}) => this.run<T>(sql, params, manager, true),
    } as Tx;
  }

  private async run<T>(
    sql: string,
    params: SqlParams,
    manager: EntityManager | undefined,
    inTransaction = false,
  ): Promise<T[]> {
    const [text, values] = bindNamed(sql, params, this.dialect);
    if (this.sqlite) return this.sqlite.run(text, values, inTransaction) as T[];
    const result: unknown = await (manager ?? this.dataSource.manager).query(text, values);
    return normaliseRows<T>(result);
  }
}

/** Totals above this are estimates (see countMatching). */
export const EXACT_COUNT_LIMIT = 10_000;
/** SQLite's estimate tries the filter on SAMPLE_RUNS × SAMPLE_RUN ids (above EXACT_COUNT_LIMIT the range holds more). */
const SAMPLE_RUNS = 100;
const SAMPLE_RUN = 20;

/** UPDATE … RETURNING answers [rows, count] on PostgreSQL. */
function normaliseRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return Array.isArray(result) ? (result as T[]) : [];
}
