import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { createApp } from '../../apps/api/src/create-app';
import { DatabaseService, loadConfig, type AppConfig } from '@mailroom/platform';
import { createTestDatabase, testDialect, type TestDatabase } from './database';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  readonly url: string;
  readonly db: DatabaseService;
  readonly database: TestDatabase;
  /** Runs SQL written with :named parameters against the app's database. */
  query<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * Settings every test app shares: quiet JSON logs and a fast dispatcher. On SQLite no SECRET_KEY is given, so every
 * test exercises the key generated beside the database (and processes sharing a database share it); PostgreSQL
 * needs one set, as in production.
 */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'silent',
  ENABLE_JSON_LOGS: 'true',
  OUTBOX_POLL_INTERVAL_MS: '50',
  OUTBOX_RETRY_BASE_MS: '100',
  ...(testDialect() === 'postgres' ? { SECRET_KEY: 'a-test-secret-key-shared-by-every-test-process' } : {}),
};

/** Boots the real API (same factory as production) on a loopback port, on its own database unless one is given. */
export async function startApp(
  env: Record<string, string> = {},
  database?: TestDatabase,
  logStream?: DestinationStream,
): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const config = loadConfig({ ...TEST_ENV, DATABASE_URL: db.url, ...env });
  const app = await createApp(config, logStream);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const service = app.get(DatabaseService);
  return {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    db: service,
    database: db,
    query: <T>(sql: string, params: Record<string, unknown> = {}) => service.query(sql, params) as Promise<T[]>,
    close: async (options = {}) => {
      // A close that hangs fails the suite by timeout alone; say what was still running, so the cause can be found.
      const watchdog = setTimeout(
        () => console.error('app.close() is taking over 20 s; still active:', process.getActiveResourcesInfo()),
        20_000,
      );
      try {
        await app.close();
      } finally {
        clearTimeout(watchdog);
      }
      if (!options.keepDatabase) await db.drop();
    },
  };
}

export function postJson(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

let counter = 0;
/** A valid contact submission, unique per call; override any field. */
export function newContact(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    name: `Visitor ${counter}`,
    email: `visitor${counter}@example.com`,
    message: `Hello, this is message ${counter}.`,
    ...overrides,
  };
}
