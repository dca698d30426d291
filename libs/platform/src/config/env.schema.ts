import { z } from 'zod';
import { honeypotFieldProblem } from '../http/honeypot-field';
import { envBoolean, envInt, envList, envNumber, envOptional, isHttpUrl, normaliseOrigin } from './env-parsers';

/**
 * Every environment variable Mailroom reads, with its default. The README's table mirrors this list; a test keeps
 * them in step. Names come from the Flask service Mailroom replaces, so existing deployments keep working.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: envInt(5002, 0, 65535),
  PUBLIC_URL: envOptional().refine((v) => v === undefined || isHttpUrl(v), 'must be an http(s) URL'),
  SITE_NAME: z.string().trim().min(1).max(100).default('Mailroom'),
  SECRET_KEY: envOptional(),
  FLASK_SECRET_KEY: envOptional(),
  TRUST_PROXY: envOptional(),
  OPENAPI_DOCS: envBoolean(false),
  ADMIN_UI_DIR: envOptional(),
  DATABASE_URL: envOptional(),
  POSTGRES_URL: envOptional(),
  REDIS_URL: envOptional().refine((v) => v === undefined || /^rediss?:\/\//.test(v), 'must be a redis:// URL'),
  SMTP_HOST: envOptional(),
  SMTP_PORT: envInt(587, 1, 65535),
  SMTP_USERNAME: envOptional(),
  SMTP_PASSWORD: envOptional(),
  SMTP_SENDER: envOptional(),
  SMTP_SENDER_NAME: envOptional(),
  SMTP_RECIPIENTS: envList(),
  SMTP_USE_TLS: envBoolean(true),
  DKIM_DOMAIN: envOptional(),
  DKIM_SELECTOR: envOptional(),
  DKIM_PRIVATE_KEY: envOptional(),
  DKIM_PRIVATE_KEY_FILE: envOptional(),
  RATE_LIMIT_MAX: envInt(10, 0, 1_000_000_000),
  RATE_LIMIT_WINDOW: envInt(60, 1, 86_400),
  STRICT_ORIGIN_CHECK: envBoolean(false),
  ALLOWED_ORIGIN: envList(),
  ENABLE_JSON_LOGS: envBoolean(false),
  ENABLE_REQUEST_LOGS: envBoolean(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SENTRY_DSN: envOptional(),
  SENTRY_TRACES_SAMPLE_RATE: envNumber(0, 0, 1),
  METRICS_TOKEN: envOptional(),
  HONEYPOT_FIELD: z
    .string()
    .trim()
    .default('website')
    .superRefine((value, ctx) => {
      const problem = honeypotFieldProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  THANK_YOU_URL: envOptional().refine((v) => v === undefined || isHttpUrl(v), 'must be an http(s) URL'),
  DOUBLE_OPT_IN: envBoolean(true),
  LIST_UNSUBSCRIBE_MAILTO: envOptional().refine(
    (v) => v === undefined || /^[^\s@,<>]+@[^\s@,<>]+$/.test(v),
    'must be an email address',
  ),
  POSTAL_ADDRESS: envOptional(),
  RETENTION_DAYS: envInt(0, 0, 36_500),
  AUDIT_RETENTION_DAYS: envInt(365, 0, 36_500),
  ADMIN_USERNAME: z.string().trim().min(1).max(100).default('admin'),
  ADMIN_PASSWORD: envOptional(),
  COOKIE_SECURE: envBoolean(false),
  SESSION_IDLE_MINUTES: envInt(30, 1, 24 * 60),
  SESSION_MAX_HOURS: envInt(12, 1, 24 * 30),
  WEB_CONCURRENCY: z
    .string()
    .trim()
    .regex(/^(auto|[1-9]\d?)$/, 'must be auto or a number of processes from 1 to 99')
    .default('1'),
  REQUEST_TIMEOUT: envInt(30, 1, 3600),
  // The seed's names for the two above, read by loadConfig when the new name is unset.
  GUNICORN_WORKERS: envOptional(),
  GUNICORN_TIMEOUT: envOptional(),
  EVENT_STREAM_MAX_SECONDS: envInt(300, 1, 3600),
  BODY_LIMIT: envInt(64 * 1024, 1024, 10 * 1024 * 1024),
  OUTBOX_DISPATCHER: envBoolean(true),
  OUTBOX_POLL_INTERVAL_MS: envInt(1000, 50, 60_000),
  OUTBOX_MAX_ATTEMPTS: envInt(12, 1, 100),
  OUTBOX_BATCH_SIZE: envInt(20, 1, 500),
  OUTBOX_LEASE_MS: envInt(60_000, 1000, 3_600_000),
  OUTBOX_RETRY_BASE_MS: envInt(5000, 10, 3_600_000),
  NEWSLETTER_RATE_LIMIT: envInt(0, 0, 100_000),
  NEWSLETTER_CONCURRENCY: envInt(5, 1, 50),
  NEWSLETTER_BATCH_SIZE: envInt(200, 1, 5000),
  NEWSLETTER_LEASE_MS: envInt(120_000, 1000, 3_600_000),
  NEWSLETTER_MAX_ATTEMPTS: envInt(8, 1, 100),
  NEWSLETTER_RETRY_BASE_MS: envInt(30_000, 10, 3_600_000),
  NEWSLETTER_TRANSPORT_PAUSE_AFTER: envInt(10, 1, 1000),
  NEWSLETTER_TRANSPORT_PAUSE_MS: envInt(60_000, 10, 3_600_000),
  NEWSLETTER_SCHEDULE_GRACE_MINUTES: envInt(60, 1, 7 * 24 * 60),
});

export type RawEnv = z.infer<typeof envSchema>;

export function invalidOrigins(origins: readonly string[]): string[] {
  return origins.filter((origin) => normaliseOrigin(origin) === undefined);
}
