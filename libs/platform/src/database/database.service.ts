import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { dialectOf, type Dialect } from './dialect';

/**
 * The platform's handle on the database for repositories: dialect-aware raw queries and write transactions.
 *
 * TypeORM's better-sqlite3 driver shares one query runner, so two overlapping `transaction()` calls would nest as
 * savepoints of one another. On SQLite every write therefore goes through `transaction` or `execute`, which take
 * turns here; a write issued beside them would join whichever transaction is open. PostgreSQL gives each transaction
 * its own pooled connection and needs no queue.
 */
@Injectable()
export class DatabaseService {
  readonly dialect: Dialect;
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return this.dataSource.transaction(work);
    const run = this.sqliteQueue.then(() => this.dataSource.transaction(work));
    this.sqliteQueue = run.catch(() => undefined);
    return run;
  }

  /** Runs SQL written with `:name` parameters on either database. */
  async query<T extends ObjectLiteral = ObjectLiteral>(
    sql: string,
    parameters: ObjectLiteral = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<T[]> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters);
    const result: unknown = await manager.query(text, values);
    return normaliseRows<T>(result);
  }

  /** A Date as this database stores it: PostgreSQL takes the Date; SQLite keeps TypeORM's UTC text form. */
  timestamp(date: Date): Date | string {
    return this.dialect === 'postgres' ? date : date.toISOString().replace('T', ' ').replace('Z', '');
  }

  /** One write statement, queued like a transaction on SQLite. */
  async execute<T extends ObjectLiteral = ObjectLiteral>(sql: string, parameters: ObjectLiteral = {}): Promise<T[]> {
    if (this.dialect === 'postgres') return this.query<T>(sql, parameters);
    return this.transaction((manager) => this.query<T>(sql, parameters, manager));
  }
}

/** UPDATE … RETURNING answers [rows, count] on PostgreSQL and rows on SQLite. */
function normaliseRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return Array.isArray(result) ? (result as T[]) : [];
}
