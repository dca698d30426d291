import { SHUTDOWN_MESSAGE } from './cluster';
import { ConfigError, loadProcessConfig } from './config/load-config';
import type { AppConfig } from './config/app-config';
import { reportError, startErrorReporting } from './error-reporter';

export interface StartedProcess {
  /** Stops gracefully: the Nest app's close(), or a cluster primary's. */
  close(): Promise<void>;
  readonly message: string;
}

/** However stuck a shutdown is, the process is gone this long after requests in flight had their time. */
const SHUTDOWN_MARGIN_MS = 30_000;

/**
 * Shared start-up for the API and the worker: read `.env`, validate the configuration once (stopping with every
 * problem listed), start Sentry when configured, run the process's own start, then own its lifecycle:
 * - SIGTERM/SIGINT close the app gracefully (the server stops accepting, requests in flight finish, senders hand back
 *   what they claimed, pools close) and the process exits 0; a second signal exits at once.
 * - An unhandled rejection is logged and reported, and the process carries on: one bad request does not end it.
 *   An uncaught exception leaves the process in an unknown state, so it is reported and the process shuts down.
 */
export async function bootstrapProcess(start: (config: AppConfig) => Promise<StartedProcess>): Promise<void> {
  let config: AppConfig;
  try {
    config = loadProcessConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  startErrorReporting({ ...config.sentry, environment: config.env });
  let started: StartedProcess;
  try {
    started = await start(config);
  } catch (error) {
    console.error(`Mailroom failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(started.message);

  let stopping = false;
  const shutdown = (reason: string, exitCode: number, forceIfRepeated = true) => {
    if (stopping) {
      if (!forceIfRepeated) return;
      console.error(`${reason} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${reason}: shutting down gracefully`);
    setTimeout(() => {
      console.error('Shutdown took too long: exiting');
      process.exit(1);
    }, config.http.requestTimeoutMs + SHUTDOWN_MARGIN_MS).unref();
    started.close().then(
      () => process.exit(exitCode),
      (error: unknown) => {
        console.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  // A cluster worker is told to stop by its primary (it may also get the terminal's SIGINT: both mean one shutdown).
  process.on('message', (message: { type?: string }) => {
    if (message?.type === SHUTDOWN_MESSAGE) shutdown('Asked by the primary', 0, false);
  });
  process.on('unhandledRejection', (reason) => {
    console.error(
      `Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    );
    reportError(reason);
  });
  process.on('uncaughtException', (error) => {
    console.error(`Uncaught exception: ${error.stack ?? error.message}`);
    reportError(error);
    shutdown('Uncaught exception', 1);
  });
}
