import { honeypotFieldProblem, isMailbox, normaliseOrigin, type AppConfig } from '@mailroom/platform';

export type SettingType = 'string' | 'integer' | 'boolean' | 'url' | 'email' | 'emails' | 'origins' | 'field';
export type SettingValue = string | number | boolean | string[] | null;

export interface SettingDefinition {
  readonly key: string;
  readonly group: 'site' | 'email' | 'forms' | 'limits' | 'system';
  readonly type: SettingType;
  readonly description: string;
  /** Shown masked, never returned. */
  readonly secret?: boolean;
  /** Only the environment sets it (database URL, secrets, ...): shown, never changed at run time. */
  readonly environmentOnly?: boolean;
  readonly nullable?: boolean;
  readonly min?: number;
  readonly max?: number;
  read(config: AppConfig): SettingValue;
  /** Applies a validated value to the shared, running configuration. */
  write?(config: Mutable, value: SettingValue): void;
}

/** The running configuration as settings may change it (the rest of the code sees it read-only). */
type DeepMutable<T> = { -readonly [K in keyof T]: T[K] extends object ? DeepMutable<T[K]> : T[K] };
export type Mutable = DeepMutable<AppConfig>;

/**
 * Every setting an admin sees. Editable ones take effect on the next request of every instance (each polls the
 * settings table every few seconds); DELETE returns a setting to its environment or default value.
 */
export const SETTINGS: readonly SettingDefinition[] = [
  {
    key: 'SITE_NAME',
    group: 'site',
    type: 'string',
    max: 100,
    description: 'Name shown on pages and in emails.',
    read: (c) => c.siteName,
    write: (c, v) => (c.siteName = v as string),
  },
  {
    key: 'PUBLIC_URL',
    group: 'site',
    type: 'url',
    description: 'Where people reach Mailroom; builds every link in emails.',
    read: (c) => c.publicUrl,
    write: (c, v) => (c.publicUrl = (v as string).replace(/\/+$/, '')),
  },
  {
    key: 'SMTP_RECIPIENTS',
    group: 'email',
    type: 'emails',
    description: 'Addresses that receive contact notifications.',
    read: (c) => [...c.smtp.recipients],
    write: (c, v) => (c.smtp.recipients = v as string[]),
  },
  {
    key: 'SMTP_SENDER_NAME',
    group: 'email',
    type: 'string',
    max: 100,
    description: 'Display name emails are sent from.',
    read: (c) => c.smtp.senderName,
    write: (c, v) => (c.smtp.senderName = v as string),
  },
  {
    key: 'SMTP_SENDER',
    group: 'email',
    type: 'email',
    description: 'Address emails are sent from (defaults to SMTP_USERNAME).',
    nullable: true,
    read: (c) => c.smtp.sender ?? null,
    write: (c, v) => (c.smtp.sender = (v as string | null) ?? undefined),
  },
  {
    key: 'POSTAL_ADDRESS',
    group: 'email',
    type: 'string',
    max: 300,
    nullable: true,
    description: "Sender's postal address for the newsletter footer.",
    read: (c) => c.newsletter.postalAddress ?? null,
    write: (c, v) => (c.newsletter.postalAddress = (v as string | null) ?? undefined),
  },
  {
    key: 'DOUBLE_OPT_IN',
    group: 'forms',
    type: 'boolean',
    description: 'New subscribers confirm by email before they count.',
    read: (c) => c.newsletter.doubleOptIn,
    write: (c, v) => (c.newsletter.doubleOptIn = v as boolean),
  },
  {
    key: 'HONEYPOT_FIELD',
    group: 'forms',
    type: 'field',
    description: 'Hidden anti-spam form field; filled in means a bot.',
    read: (c) => c.contact.honeypotField,
    write: (c, v) => (c.contact.honeypotField = v as string),
  },
  {
    key: 'THANK_YOU_URL',
    group: 'forms',
    type: 'url',
    nullable: true,
    description: 'Where plain HTML contact forms are redirected; the built-in page when empty.',
    read: (c) => c.contact.thankYouUrl ?? null,
    write: (c, v) => (c.contact.thankYouUrl = (v as string | null) ?? undefined),
  },
  {
    key: 'ALLOWED_ORIGIN',
    group: 'forms',
    type: 'origins',
    description: 'Sites allowed to call the public API (CORS, strict origin check).',
    read: (c) => [...c.origins.allowed],
    write: (c, v) => (c.origins.allowed = v as string[]),
  },
  {
    key: 'RATE_LIMIT_MAX',
    group: 'limits',
    type: 'integer',
    min: 0,
    max: 1_000_000_000,
    description: 'Submissions per window per client IP; 0 disables.',
    read: (c) => c.rateLimit.max,
    write: (c, v) => (c.rateLimit.max = v as number),
  },
  {
    key: 'RATE_LIMIT_WINDOW',
    group: 'limits',
    type: 'integer',
    min: 1,
    max: 86_400,
    description: 'Rate-limit window in seconds.',
    read: (c) => c.rateLimit.windowSeconds,
    write: (c, v) => (c.rateLimit.windowSeconds = v as number),
  },
  {
    key: 'NEWSLETTER_RATE_LIMIT',
    group: 'email',
    type: 'integer',
    min: 0,
    max: 100_000,
    description: 'Newsletter messages per second per sending process; 0 sends as fast as the SMTP server accepts.',
    read: (c) => c.delivery.ratePerSecond,
    write: (c, v) => (c.delivery.ratePerSecond = v as number),
  },
  {
    key: 'NEWSLETTER_CONCURRENCY',
    group: 'email',
    type: 'integer',
    min: 1,
    max: 50,
    description: 'SMTP connections per sending process for newsletters.',
    read: (c) => c.delivery.concurrency,
    write: (c, v) => (c.delivery.concurrency = v as number),
  },
  {
    key: 'RETENTION_DAYS',
    group: 'limits',
    type: 'integer',
    min: 0,
    max: 36_500,
    description: 'Contact submissions older than this many days are deleted; 0 keeps them.',
    read: (c) => c.retention.contactDays,
    write: (c, v) => (c.retention.contactDays = v as number),
  },
  {
    key: 'DATABASE_URL',
    group: 'system',
    type: 'string',
    environmentOnly: true,
    secret: true,
    description: 'Database (set by the environment).',
    read: (c) => (c.database.type === 'postgres' ? c.database.url : c.database.path),
  },
  {
    key: 'REDIS_URL',
    group: 'system',
    type: 'string',
    environmentOnly: true,
    secret: true,
    nullable: true,
    description: 'Shared Redis (set by the environment).',
    read: (c) => c.redisUrl ?? null,
  },
  {
    key: 'SECRET_KEY',
    group: 'system',
    type: 'string',
    environmentOnly: true,
    secret: true,
    description: 'Signing secret (set by the environment).',
    read: (c) => c.secretKey,
  },
  {
    key: 'SMTP_HOST',
    group: 'email',
    type: 'string',
    environmentOnly: true,
    nullable: true,
    description: 'SMTP server (set by the environment).',
    read: (c) => c.smtp.host ?? null,
  },
  {
    key: 'SMTP_PASSWORD',
    group: 'email',
    type: 'string',
    environmentOnly: true,
    secret: true,
    nullable: true,
    description: 'SMTP password (set by the environment).',
    read: (c) => c.smtp.password ?? null,
  },
];

/** Checks a value against its setting's type; returns the value to store, or why it is refused. */
export function parseSetting(
  definition: SettingDefinition,
  value: unknown,
): { value: SettingValue } | { problem: string } {
  if (value === null || value === '') return definition.nullable ? { value: null } : { problem: 'must not be empty' };
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : undefined)
      ?.map((item) => String(item).trim())
      .filter(Boolean);
  switch (definition.type) {
    case 'string':
      if (typeof value !== 'string' || /[\p{Cc}]/u.test(value)) return { problem: 'must be a single line of text' };
      return value.length > (definition.max ?? 1000)
        ? { problem: `must be at most ${definition.max} characters` }
        : { value: value.trim() };
    case 'integer': {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < (definition.min ?? -Infinity) || n > (definition.max ?? Infinity))
        return { problem: `must be a whole number from ${definition.min} to ${definition.max}` };
      return { value: n };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { value };
      return value === 'true' || value === 'false' ? { value: value === 'true' } : { problem: 'must be true or false' };
    case 'url':
      if (typeof value !== 'string') return { problem: 'must be an http(s) URL' };
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:'
          ? { value }
          : { problem: 'must be an http(s) URL' };
      } catch {
        return { problem: 'must be an http(s) URL' };
      }
    case 'email':
      return typeof value === 'string' && isMailbox(value.trim())
        ? { value: value.trim() }
        : { problem: 'must be an email address' };
    case 'emails': {
      const items = list(value);
      if (!items || items.length === 0 || items.some((item) => !isMailbox(item)))
        return { problem: 'must be a list of email addresses' };
      return { value: items };
    }
    case 'origins': {
      const items = list(value);
      const origins = items?.map((item) => normaliseOrigin(item));
      if (!origins || origins.some((item) => item === undefined))
        return { problem: 'must be a list of origins such as https://example.com' };
      return { value: origins as string[] };
    }
    case 'field': {
      const problem = typeof value === 'string' ? honeypotFieldProblem(value) : 'must be a simple field name';
      return problem === undefined ? { value: value as string } : { problem };
    }
  }
}
