import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@mailroom/platform';
import { createApp } from './create-app';

/**
 * Prints the API's OpenAPI document (the admin UI generates its types from it: `npm run openapi`). The app is built on
 * a throwaway SQLite file with nothing running in the background, so it needs no configuration and no services.
 */
export async function openApiDocument(): Promise<unknown> {
  const directory = mkdtempSync(join(tmpdir(), 'mailroom-openapi-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: `sqlite:///${join(directory, 'openapi.db')}`,
    OUTBOX_DISPATCHER: 'false',
  });
  const app = await createApp(config);
  try {
    await app.init();
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    return response.json();
  } finally {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

if (require.main === module) {
  openApiDocument().then(
    (document) => process.stdout.write(`${JSON.stringify(document, null, 2)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
