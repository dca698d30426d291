import { ConfigError, loadProcessConfig } from './config/load-config';
import type { AppConfig } from './config/app-config';
import { startErrorReporting } from './error-reporter';

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
  startErrorReporting({ ...config.sentry, environment: config.env });
  try {
    console.log(await start(config));
  } catch (error) {
    console.error(`Mailroom failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
