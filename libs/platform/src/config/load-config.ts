import { dkimSettings } from './dkim';
import { availableParallelism } from 'node:os';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { AppConfig } from './app-config';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from './database-url';
import { normaliseOrigin } from './env-parsers';
import { envSchema, invalidOrigins } from './env.schema';

export type Environment = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Values from `.env` in the working directory, under whatever the real environment already sets. */
export function environmentWithDotenv(env: Environment, cwd: string): Environment {
  const file = resolve(cwd, '.env');
  if (!existsSync(file)) return env;
  return { ...parseDotenv(readFileSync(file)), ...env };
}

/**
 * TRUST_PROXY as Fastify takes it: a number of proxy hops in front (`true` means one), or the proxies' addresses and
 * CIDRs. Never "believe every X-Forwarded-For entry": the client's own entries sit left of what proxies add, so with
 * a hop count only the address the nearest proxies saw is used.
 */
function parseTrustProxy(value: string | undefined): false | number | string[] {
  if (value === undefined) return false;
  const lowered = value.toLowerCase();
  if (['true', 'yes', 'on'].includes(lowered)) return 1;
  if (['false', 'no', 'off', '0', ''].includes(lowered)) return false;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

const MIN_SECRET_LENGTH = 32;

/**
 * The key that signs one-click unsubscribe links and form tokens. There is no default: an unset SECRET_KEY on SQLite
 * means a random key generated on the first start and kept beside the database (`<database>.secret`, mode 0600),
 * so it survives restarts and travels with the data; on PostgreSQL several processes must share one key, so it has
 * to be set.
 */
function resolveSecretKey(
  given: string | undefined,
  env: string,
  database: AppConfig['database'],
  problems: string[],
): string {
  if (given !== undefined) {
    if (env === 'production' && given.length < MIN_SECRET_LENGTH)
      problems.push(`SECRET_KEY: must be a random value of at least ${MIN_SECRET_LENGTH} characters in production`);
    return given;
  }
  if (database.type === 'postgres') {
    problems.push(
      'SECRET_KEY: must be set when the database is PostgreSQL (every API and worker process must share it); ' +
        'generate one with `openssl rand -base64 48`',
    );
    return '';
  }
  if (database.path === ':memory:') return randomBytes(48).toString('base64url');
  const file = `${database.path}.secret`;
  try {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      // 'wx': if another process just wrote it, this fails and its key is read below.
      writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      problems.push(`SECRET_KEY: unset, and no key could be kept at ${file} (${(error as Error).message})`);
      return '';
    }
  }
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < MIN_SECRET_LENGTH)
    problems.push(`SECRET_KEY: ${file} holds no usable key; delete it to make a new one`);
  return key;
}

/**
 * The replaced Flask service's Gunicorn variables, so its deployments keep working: each applies when the new name
 * is unset (FLASK_SECRET_KEY is resolved with the secret key).
 */
function withSeedAliases(env: Environment): Environment {
  return {
    ...env,
    WEB_CONCURRENCY: env.WEB_CONCURRENCY ?? env.GUNICORN_WORKERS,
    REQUEST_TIMEOUT: env.REQUEST_TIMEOUT ?? env.GUNICORN_TIMEOUT,
  };
}

/**
 * Validates the environment once and returns the typed configuration. Every problem is collected so an operator
 * fixes them all in one go; values are never echoed back (some are secrets).
 */
export function loadConfig(given: Environment, cwd = process.cwd()): AppConfig {
  const env = withSeedAliases(given);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const raw = parsed.data;
  const problems: string[] = [];

  let database: AppConfig['database'] = { type: 'sqlite', path: ':memory:' };
  const databaseVariable =
    raw.DATABASE_URL !== undefined ? 'DATABASE_URL' : raw.POSTGRES_URL !== undefined ? 'POSTGRES_URL' : undefined;
  try {
    database = parseDatabaseUrl(raw.DATABASE_URL ?? raw.POSTGRES_URL ?? DEFAULT_DATABASE_URL, cwd);
    if (databaseVariable === 'POSTGRES_URL' && database.type !== 'postgres')
      problems.push('POSTGRES_URL: must be a postgres:// URL');
  } catch (error) {
    problems.push(`${databaseVariable ?? 'DATABASE_URL'}: ${(error as Error).message}`);
  }

  const secretKey = resolveSecretKey(raw.SECRET_KEY ?? raw.FLASK_SECRET_KEY, raw.NODE_ENV, database, problems);

  const badOrigins = invalidOrigins(raw.ALLOWED_ORIGIN);
  if (badOrigins.length > 0) problems.push('ALLOWED_ORIGIN: every entry must be an origin such as https://example.com');
  if (raw.STRICT_ORIGIN_CHECK && raw.ALLOWED_ORIGIN.length === 0) {
    problems.push('ALLOWED_ORIGIN: must list at least one origin when STRICT_ORIGIN_CHECK is true');
  }
  if (raw.SMTP_HOST !== undefined && raw.SMTP_RECIPIENTS.length === 0) {
    problems.push('SMTP_RECIPIENTS: must list at least one address when SMTP_HOST is set');
  }
  if (raw.SMTP_HOST !== undefined && raw.SMTP_SENDER === undefined && raw.SMTP_USERNAME === undefined) {
    problems.push('SMTP_SENDER: must be set (or SMTP_USERNAME) when SMTP_HOST is set');
  }
  const dkim = dkimSettings(raw, cwd, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const publicUrl = (raw.PUBLIC_URL ?? `http://${raw.HOST === '0.0.0.0' ? '127.0.0.1' : raw.HOST}:${raw.PORT}`).replace(
    /\/+$/,
    '',
  );
  return {
    env: raw.NODE_ENV,
    fromEnvironment: new Set(
      Object.keys(env).filter((name) => name in envSchema.shape && env[name] !== undefined && env[name] !== ''),
    ),
    http: {
      host: raw.HOST,
      port: raw.PORT,
      trustProxy: parseTrustProxy(raw.TRUST_PROXY),
      bodyLimitBytes: raw.BODY_LIMIT,
      openApiDocs: raw.OPENAPI_DOCS,
      processes:
        raw.WEB_CONCURRENCY === 'auto' ? Math.min(2 * availableParallelism() + 1, 8) : Number(raw.WEB_CONCURRENCY),
      requestTimeoutMs: raw.REQUEST_TIMEOUT * 1000,
      eventStreamMaxMs: raw.EVENT_STREAM_MAX_SECONDS * 1000,
      adminUiDir: resolve(cwd, raw.ADMIN_UI_DIR ?? 'admin-ui/dist'),
    },
    publicUrl,
    siteName: raw.SITE_NAME,
    secretKey,
    database,
    redisUrl: raw.REDIS_URL,
    smtp: {
      host: raw.SMTP_HOST,
      port: raw.SMTP_PORT,
      username: raw.SMTP_USERNAME,
      password: raw.SMTP_PASSWORD,
      sender: raw.SMTP_SENDER ?? raw.SMTP_USERNAME,
      senderName: raw.SMTP_SENDER_NAME ?? raw.SITE_NAME,
      recipients: raw.SMTP_RECIPIENTS,
      useTls: raw.SMTP_USE_TLS,
      dkim,
    },
    rateLimit: { max: raw.RATE_LIMIT_MAX, windowSeconds: raw.RATE_LIMIT_WINDOW },
    origins: {
      strict: raw.STRICT_ORIGIN_CHECK,
      allowed: raw.ALLOWED_ORIGIN.map((origin) => normaliseOrigin(origin) as string),
    },
    logging: { json: raw.ENABLE_JSON_LOGS, requests: raw.ENABLE_REQUEST_LOGS, level: raw.LOG_LEVEL },
    sentry: { dsn: raw.SENTRY_DSN, tracesSampleRate: raw.SENTRY_TRACES_SAMPLE_RATE },
    metricsToken: raw.METRICS_TOKEN,
    contact: { honeypotField: raw.HONEYPOT_FIELD, thankYouUrl: raw.THANK_YOU_URL },
    admin: {
      bootstrapUsername: raw.ADMIN_USERNAME,
      bootstrapPassword: raw.ADMIN_PASSWORD,
      cookieSecure: raw.COOKIE_SECURE,
      sessionIdleMs: raw.SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: raw.SESSION_MAX_HOURS * 3_600_000,
    },
    newsletter: {
      doubleOptIn: raw.DOUBLE_OPT_IN,
      unsubscribeMailto: raw.LIST_UNSUBSCRIBE_MAILTO,
      postalAddress: raw.POSTAL_ADDRESS,
    },
    retention: { contactDays: raw.RETENTION_DAYS, auditDays: raw.AUDIT_RETENTION_DAYS },
    delivery: {
      ratePerSecond: raw.NEWSLETTER_RATE_LIMIT,
      concurrency: raw.NEWSLETTER_CONCURRENCY,
      batchSize: raw.NEWSLETTER_BATCH_SIZE,
      leaseMs: raw.NEWSLETTER_LEASE_MS,
      maxAttempts: raw.NEWSLETTER_MAX_ATTEMPTS,
      retryBaseMs: raw.NEWSLETTER_RETRY_BASE_MS,
      transportPauseAfter: raw.NEWSLETTER_TRANSPORT_PAUSE_AFTER,
      transportPauseMs: raw.NEWSLETTER_TRANSPORT_PAUSE_MS,
      scheduleGraceMs: raw.NEWSLETTER_SCHEDULE_GRACE_MINUTES * 60_000,
    },
    outbox: {
      embeddedDispatcher: raw.OUTBOX_DISPATCHER,
      pollIntervalMs: raw.OUTBOX_POLL_INTERVAL_MS,
      maxAttempts: raw.OUTBOX_MAX_ATTEMPTS,
      batchSize: raw.OUTBOX_BATCH_SIZE,
      leaseMs: raw.OUTBOX_LEASE_MS,
      retryBaseMs: raw.OUTBOX_RETRY_BASE_MS,
    },
  };
}

/** The configuration of this process: its environment over `.env` in the working directory. */
export function loadProcessConfig(): AppConfig {
  return loadConfig(environmentWithDotenv(process.env, process.cwd()));
}
