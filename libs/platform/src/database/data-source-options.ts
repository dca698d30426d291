import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';
import { entitySchema, registeredTables } from './table';

/**
 * The one description of the database, used by the app (through TypeOrmModule) and by the migration CLI.
 * Entities are the tables each loaded domain module registered (TablesModule.forFeature), never found by globbing.
 */
export function dataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  const entities = registeredTables(config.database.type).map((table) => entitySchema(table, config.database.type));
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
  } as const;
  if (config.database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      connectTimeoutMS: 5000,
      // Ids and counts are bigint; as numbers they read the same as on SQLite (ids stay far below 2^53).
      parseInt8: true,
      extra: {
        max: 10,
        idleTimeoutMillis: 30_000,
        // A stuck query must not hold a pooled connection (and a request) forever.
        statement_timeout: 15_000,
        idle_in_transaction_session_timeout: 30_000,
        application_name: 'mailroom',
      },
    };
  }
  const path = config.database.path;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: path,
    enableWAL: true,
    // TypeORM holds one connection. When another process (worker, CLI) holds the write lock, SqliteConnection waits
    // on a timer; busy_timeout only covers the brief locks a read can meet, since it blocks the event loop.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('busy_timeout = 20');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
  };
}
