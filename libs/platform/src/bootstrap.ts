import * as Sentry from '@sentry/node';
import { ConfigError, loadProcessConfig } from './config/load-config';
import type { AppConfig } from './config/app-config';

/**
 * Shared start-up for the API and the worker: read `.env`, validate the configuration once (stopping with every
 * problem listed), start Sentry when configured, then run the process's own start.
 */
export async function bootstrapProcess(start: (config: AppConfig) => Promise<string>): Promise<void> {
  let config: AppConfig;
  try {
    config = loadProcessConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  if (config.sentry.dsn) {
    Sentry.init({ dsn: config.sentry.dsn, tracesSampleRate: config.sentry.tracesSampleRate, environment: config.env });
  }
  try {
    console.log(await start(config));
  } catch (error) {
    console.error(`Mailroom failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
