import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig as load, type Environment } from './load-config';

/** A key is given unless a test is about keys: generating one is tested below, with a real directory. */
const loadConfig = (env: Environment, cwd?: string) => load({ SECRET_KEY: 'k'.repeat(40), ...env }, cwd);

describe('loadConfig', () => {
  it('applies the seed service defaults', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 5002, trustProxy: false });
    expect(config.database).toEqual({ type: 'sqlite', path: '/srv/app/data/forms.db' });
    expect(config.smtp).toMatchObject({ port: 587, useTls: true, recipients: [] });
    expect(config.rateLimit).toEqual({ max: 10, windowSeconds: 60 });
    expect(config.origins).toEqual({ strict: false, allowed: [] });
    expect(config.logging).toMatchObject({ json: false, requests: true });
    expect(config.contact.honeypotField).toBe('website');
  });

  it.each([
    ['sqlite:///./data/x.db', { type: 'sqlite', path: '/srv/app/data/x.db' }],
    ['sqlite:////var/lib/mailroom.db', { type: 'sqlite', path: '/var/lib/mailroom.db' }],
    ['./forms.db', { type: 'sqlite', path: '/srv/app/forms.db' }],
    ['/abs/forms.db', { type: 'sqlite', path: '/abs/forms.db' }],
    ['postgres://u:p@db:5432/mailroom', { type: 'postgres', url: 'postgres://u:p@db:5432/mailroom' }],
    ['postgresql://db/mailroom', { type: 'postgres', url: 'postgresql://db/mailroom' }],
  ])('DATABASE_URL %s', (url, expected) => {
    expect(loadConfig({ DATABASE_URL: url }, '/srv/app').database).toEqual(expected);
  });

  it('uses POSTGRES_URL when DATABASE_URL is unset, and DATABASE_URL wins when both are', () => {
    expect(loadConfig({ POSTGRES_URL: 'postgres://db/a' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://db/a',
    });
    expect(loadConfig({ POSTGRES_URL: 'postgres://db/a', DATABASE_URL: '/x.db' }).database).toEqual({
      type: 'sqlite',
      path: '/x.db',
    });
  });

  it("accepts the seed's GUNICORN_WORKERS and GUNICORN_TIMEOUT when the new names are unset", () => {
    const seed = load({ GUNICORN_WORKERS: '3', GUNICORN_TIMEOUT: '45', DATABASE_URL: ':memory:' });
    expect([seed.http.processes, seed.http.requestTimeoutMs]).toEqual([3, 45_000]);
    const both = load({
      GUNICORN_WORKERS: '3',
      WEB_CONCURRENCY: '2',
      REQUEST_TIMEOUT: '10',
      GUNICORN_TIMEOUT: '45',
      DATABASE_URL: ':memory:',
    });
    expect([both.http.processes, both.http.requestTimeoutMs]).toEqual([2, 10_000]);
    expect(() => load({ GUNICORN_WORKERS: 'many', DATABASE_URL: ':memory:' })).toThrow(ConfigError);
  });

  it('accepts FLASK_SECRET_KEY as an alias of SECRET_KEY', () => {
    expect(load({ FLASK_SECRET_KEY: 'legacy', DATABASE_URL: ':memory:' }).secretKey).toBe('legacy');
    expect(load({ FLASK_SECRET_KEY: 'legacy', SECRET_KEY: 'new', DATABASE_URL: ':memory:' }).secretKey).toBe('new');
  });

  it('refuses a short SECRET_KEY in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'dev' })).toThrow(/SECRET_KEY/);
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(40) }).env).toBe('production');
  });

  it('has no default key: on SQLite it generates one beside the database (0600) and keeps it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-key-'));
    const env = { NODE_ENV: 'production', DATABASE_URL: join(dir, 'forms.db') };
    const first = load(env).secretKey;
    expect(first.length).toBeGreaterThanOrEqual(48);
    expect(statSync(join(dir, 'forms.db.secret')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'forms.db.secret'), 'utf8').trim()).toBe(first);
    expect(load(env).secretKey).toBe(first);
    expect(load({ DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'mailroom-key-')), 'forms.db') }).secretKey).not.toBe(
      first,
    );
  });

  it('refuses to start on PostgreSQL without SECRET_KEY, saying why', () => {
    expect(() => load({ DATABASE_URL: 'postgres://db/mailroom' })).toThrow(
      /SECRET_KEY: must be set when the database is PostgreSQL/,
    );
  });

  it('lists every bad variable in one error, never echoing values', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PORT: 'eighty',
        RATE_LIMIT_MAX: '-1',
        SMTP_USE_TLS: 'maybe',
        SMTP_PASSWORD: 'hunter2',
        ALLOWED_ORIGIN: 'not a url',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.split(':')[0]).sort()).toEqual(['PORT', 'RATE_LIMIT_MAX', 'SMTP_USE_TLS']);
    expect(error!.message).not.toContain('hunter2');
  });

  it('checks combinations: strict origin check needs origins; SMTP needs recipients and a sender', () => {
    expect(() => loadConfig({ STRICT_ORIGIN_CHECK: 'true' })).toThrow(/ALLOWED_ORIGIN/);
    expect(() => loadConfig({ SMTP_HOST: 'smtp.example.com' })).toThrow(/SMTP_RECIPIENTS[\s\S]*SMTP_SENDER/);
    expect(() => loadConfig({ ALLOWED_ORIGIN: 'https://a.example/path' })).toThrow(/ALLOWED_ORIGIN/);
  });

  it('parses lists, booleans and TRUST_PROXY forms', () => {
    const config = loadConfig({
      ALLOWED_ORIGIN: 'https://a.example, https://b.example:8443',
      SMTP_RECIPIENTS: 'a@example.com, b@example.com',
      SMTP_SENDER: 'x@example.com',
      SMTP_HOST: 'smtp',
      ENABLE_JSON_LOGS: 'YES',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
    });
    expect(config.origins.allowed).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(config.smtp.recipients).toEqual(['a@example.com', 'b@example.com']);
    expect(config.logging.json).toBe(true);
    expect(config.http.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    // `true` is one proxy hop, never "believe every X-Forwarded-For entry".
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(1);
  });
});
