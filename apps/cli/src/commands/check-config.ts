import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { envSchema, loadConfig } from '@mailroom/platform';
import { table } from '../terminal';

const SECRET = /SECRET|PASSWORD|TOKEN|DSN|PRIVATE_KEY/;
const URL_WITH_CREDENTIALS = /^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i;

/** A value as it may be shown: secrets as "set", passwords inside URLs hidden. */
export function shown(name: string, value: unknown): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
    return '(not set)';
  if (SECRET.test(name)) return '(set, hidden)';
  const text = Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'object'
      ? JSON.stringify(value)
      : `${value as string | number | boolean}`;
  return text.replace(URL_WITH_CREDENTIALS, '$1••••@');
}

/**
 * `mailroom check-config`: validates the environment exactly as the API does at start, then prints every variable's
 * effective value (secrets masked) and where it came from: the environment, ./.env, or the default.
 */
export function checkConfig(): void {
  const dotenvFile = resolve(process.cwd(), '.env');
  const fromFile = existsSync(dotenvFile) ? parseDotenv(readFileSync(dotenvFile)) : {};
  const merged = { ...fromFile, ...process.env };
  const config = loadConfig(merged); // throws ConfigError listing every problem
  const effective = envSchema.parse(merged) as Record<string, unknown>;
  const rows = Object.keys(envSchema.shape)
    .sort()
    .map((name) => [
      name,
      shown(name, effective[name]),
      process.env[name] !== undefined ? 'environment' : fromFile[name] !== undefined ? '.env' : 'default',
    ]);
  console.log(table(['variable', 'value', 'from'], rows));
  const database = config.database.type === 'postgres' ? 'PostgreSQL' : `SQLite at ${config.database.path}`;
  console.log(
    `\nThe configuration is valid. Database: ${database}. SMTP: ${config.smtp.host ? `${config.smtp.host}:${config.smtp.port}` : 'off (mail is recorded as skipped)'}. ` +
      `Redis: ${config.redisUrl ? 'on' : 'off (limits and sessions per process)'}. ` +
      `DKIM: ${config.smtp.dkim ? `signing as ${config.smtp.dkim.domain} (selector ${config.smtp.dkim.selector})` : 'off (mail is not signed)'}.` +
      (process.env.SECRET_KEY === undefined && fromFile.SECRET_KEY === undefined && config.database.type === 'sqlite'
        ? ` SECRET_KEY: kept in ${config.database.path}.secret.`
        : ''),
  );
}
