import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { dialectOf, type Dialect } from './dialect';
import { bindNamed } from './named-parameters';
import { SqliteConnection, type RawSqlite } from './sqlite-connection';

/**
 * The platform's handle on the database for repositories: dialect-aware SQL with `:name` parameters and write
 * transactions.
 *
 * SQLite has one connection. Overlapping transactions on it would nest inside each other (TypeORM's better-sqlite3
 * driver shares one query runner), so every write goes through `transaction` or `execute`, which take turns here.
 * Statements run directly on better-sqlite3 with cached prepared statements. PostgreSQL gives each transaction its own
 * pooled connection through TypeORM and needs no queue.
 */
@Injectable()
export class DatabaseService {
  readonly dialect: Dialect;
  private readonly sqlite: SqliteConnection | undefined;
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
    this.sqlite =
      this.dialect === 'sqlite'
        ? new SqliteConnection((dataSource.driver as unknown as { databaseConnection: RawSqlite }).databaseConnection)
        : undefined;
  }

  /**
   * Runs `work` in one transaction. Pass the manager it receives to `query`. On SQLite the manager only marks the
   * call as part of the transaction; the single connection is the transaction.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const sqlite = this.sqlite;
    if (!sqlite) return this.dataSource.transaction(work);
    const run = this.sqliteQueue.then(() => sqlite.transaction(() => work(this.dataSource.manager)));
    this.sqliteQueue = run.catch(() => undefined);
    return run;
  }

  /** Runs SQL written with `:name` parameters on either database. */
  async query<T extends ObjectLiteral = ObjectLiteral>(
    sql: string,
    parameters: ObjectLiteral = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<T[]> {
    const [text, values] = bindNamed(sql, parameters, this.dialect);
    if (this.sqlite) return this.sqlite.run(text, values) as T[];
    const result: unknown = await manager.query(text, values);
    return normaliseRows<T>(result);
  }

  /** A Date as this database stores it: PostgreSQL takes the Date; SQLite keeps TypeORM's UTC text form. */
  timestamp(date: Date): Date | string {
    return this.dialect === 'postgres' ? date : date.toISOString().replace('T', ' ').replace('Z', '');
  }

  /** SQL for the UTC calendar day (YYYY-MM-DD) of a timestamp column, for daily series. */
  dayOf(column: string): string {
    return this.dialect === 'postgres'
      ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
      : `substr(${column}, 1, 10)`;
  }

  /** Counts rows per UTC day of `column` in [from, to), with an optional extra condition (fixed SQL, no input). */
  async countByDay(table: string, column: string, from: Date, to: Date, condition = ''): Promise<Map<string, number>> {
    const day = this.dayOf(column);
    const rows = await this.query<{ day: string; n: number | string }>(
      `SELECT ${day} AS day, COUNT(*) AS n FROM ${table}
       WHERE ${column} >= :from AND ${column} < :to ${condition ? `AND ${condition}` : ''} GROUP BY ${day}`,
      { from: this.timestamp(from), to: this.timestamp(to) },
    );
    return new Map(rows.map((row) => [row.day, Number(row.n)]));
  }

  /**
   * Rows matching a list filter, for page totals. Up to EXACT_COUNT_LIMIT they are counted exactly. Beyond that SQLite
   * still counts (an index scan, tens of milliseconds at a million rows), while PostgreSQL, where COUNT(*) over a
   * million rows costs more than the page itself, answers the planner's estimate and says so (`exact: false`).
   */
  async countMatching(table: string, where: string, params: ObjectLiteral): Promise<{ total: number; exact: boolean }> {
    const [capped] = await this.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} ${where} LIMIT ${EXACT_COUNT_LIMIT + 1}) AS capped`,
      params,
    );
    const n = Number(capped?.n ?? 0);
    if (n <= EXACT_COUNT_LIMIT) return { total: n, exact: true };
    if (this.dialect === 'sqlite') {
      const [all] = await this.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table} ${where}`, params);
      return { total: Number(all?.n ?? 0), exact: true };
    }
    const [plan] = await this.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table} ${where}`,
      params,
    );
    const estimate = Math.round(plan?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? n);
    return { total: Math.max(estimate, EXACT_COUNT_LIMIT + 1), exact: false };
  }

  /** One write statement, queued like a transaction on SQLite. */
  async execute<T extends ObjectLiteral = ObjectLiteral>(sql: string, parameters: ObjectLiteral = {}): Promise<T[]> {
    if (this.dialect === 'postgres') return this.query<T>(sql, parameters);
    return this.transaction((manager) => this.query<T>(sql, parameters, manager));
  }
}

/** Totals above this may be estimates on PostgreSQL (see countMatching). */
export const EXACT_COUNT_LIMIT = 10_000;

/** UPDATE … RETURNING answers [rows, count] on PostgreSQL. */
function normaliseRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return Array.isArray(result) ? (result as T[]) : [];
}
