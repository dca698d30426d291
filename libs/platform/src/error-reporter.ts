import type * as SentryModule from '@sentry/node';

let sentry: typeof SentryModule | undefined;

/**
 * Sentry is loaded only when SENTRY_DSN is set: merely importing @sentry/node instruments Node's http module, which
 * costs every request even with reporting off.
 */
export function startErrorReporting(options: {
  dsn: string | undefined;
  tracesSampleRate: number;
  environment: string;
}): void {
  if (!options.dsn) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sentry = require('@sentry/node') as typeof SentryModule;
  sentry.init({ dsn: options.dsn, tracesSampleRate: options.tracesSampleRate, environment: options.environment });
}

export function reportError(error: unknown): void {
  sentry?.captureException(error);
}
