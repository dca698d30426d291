import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { newContact, postJson, startApp, type TestApp } from './support/app';

describe('CORS and the origin check', () => {
  let open: TestApp;
  let strict: TestApp;
  beforeAll(async () => {
    open = await startApp({ ALLOWED_ORIGIN: 'https://site.example, https://other.example' });
    strict = await startApp({ ALLOWED_ORIGIN: 'https://site.example', STRICT_ORIGIN_CHECK: 'true' });
  });
  afterAll(async () => {
    await open.close();
    await strict.close();
  });

  it('answers a preflight from an allowed origin, without credentials', async () => {
    const response = await fetch(`${open.url}/api/contact`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://other.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://other.example');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it("lets a site's fetch read Retry-After and X-Request-Id", async () => {
    const response = await postJson(open.url, '/api/contact', newContact(), { origin: 'https://site.example' });
    const exposed = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    expect(exposed).toContain('retry-after');
    expect(exposed).toContain('x-request-id');
  });

  it('gives no CORS grant to an origin not listed', async () => {
    const response = await postJson(open.url, '/api/contact', newContact(), { origin: 'https://evil.example' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('with STRICT_ORIGIN_CHECK, refuses other origins (403) and accepts the listed one or its Referer', async () => {
    const evil = await postJson(strict.url, '/api/contact', newContact(), { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: 'origin_not_allowed' });
    expect((await postJson(strict.url, '/api/contact', newContact())).status).toBe(403);
    expect((await postJson(strict.url, '/api/contact', newContact(), { origin: 'https://site.example' })).status).toBe(
      201,
    );
    expect(
      (await postJson(strict.url, '/api/contact', newContact(), { referer: 'https://site.example/contact?x=1' }))
        .status,
    ).toBe(201);
    const [row] = await strict.query<{ n: number }>('SELECT COUNT(*) AS n FROM contact_submissions');
    expect(Number(row.n)).toBe(2);
  });
});

describe('health, metrics and the HTTP surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ METRICS_TOKEN: 'metrics-secret-token', RATE_LIMIT_MAX: '0' });
  });
  afterAll(() => t.close());

  it('GET /health reports the database, /health/live is cheap', async () => {
    const health = await fetch(`${t.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { database: 'up' } });
    expect(await (await fetch(`${t.url}/health/live`)).json()).toEqual({ status: 'ok' });
  });

  it('GET /metrics needs the bearer token when METRICS_TOKEN is set', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer metrics-secret-token' } });
    expect(ok.status).toBe(200);
  });

  it('exposes request, submission, email and outbox metrics in valid Prometheus text', async () => {
    await postJson(t.url, '/api/contact', newContact());
    await postJson(t.url, '/api/contact', {});
    const text = await (
      await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer metrics-secret-token' } })
    ).text();
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/api\/contact",status_code="201"\} \d+/);
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.005",method="POST",route="\/api\/contact",status_code="201"\} \d+/,
    );
    expect(text).toMatch(/mailroom_contact_submissions_total\{outcome="accepted"\} \d+/);
    // The invalid submission above was counted (by the contact route's filter, on its way to the 400).
    expect(
      Number(/mailroom_contact_submissions_total\{outcome="rejected"\} (\d+)/.exec(text)?.[1]),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/mailroom_outbox_depth \d+/);
    expect(text).toMatch(/process_cpu_user_seconds_total/);
    const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((p) => {
      try {
        execFileSync(p, ['--version'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    });
    if (promtool) {
      const file = join(mkdtempSync(join(tmpdir(), 'metrics-')), 'metrics.txt');
      writeFileSync(file, text);
      // promtool exits non-zero on any problem; lint findings are printed and fail the check too.
      const out = execFileSync('sh', ['-c', `${promtool} check metrics < ${file} 2>&1 || true`]).toString();
      expect(out.trim()).toBe('');
    }
  });

  it('keeps a sane caller X-Request-Id and replaces an unsafe one', async () => {
    const kept = await fetch(`${t.url}/health/live`, { headers: { 'x-request-id': 'trace-1234abcd' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-1234abcd');
    const replaced = await fetch(`${t.url}/health/live`, { headers: { 'x-request-id': '<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one line per request with its request id, and never secrets or bodies', async () => {
    const lines: Record<string, unknown>[] = [];
    const logged = await startApp({ LOG_LEVEL: 'info', ENABLE_REQUEST_LOGS: 'true', RATE_LIMIT_MAX: '0' }, undefined, {
      write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    try {
      const response = await postJson(
        logged.url,
        '/api/contact?token=secret-in-query',
        newContact({ message: 'very private words' }),
        {
          authorization: 'Bearer super-secret-value',
          cookie: 'session=also-secret',
        },
      );
      const token = 'T'.repeat(43);
      await fetch(`${logged.url}/api/newsletter/unsubscribe/${token}`, { method: 'POST' });
      await fetch(`${logged.url}/api/newsletter/unsubscribe/s12.${'S'.repeat(43)}`);
      await fetch(`${logged.url}/api/newsletter/confirm?token=${'Q'.repeat(43)}`);
      const id = response.headers.get('x-request-id');
      const requestLines = lines.filter((line) => line.request_id === id);
      expect(requestLines).toHaveLength(1);
      expect(requestLines[0]).toMatchObject({
        msg: 'request completed',
        req: { method: 'POST', url: '/api/contact' },
        res: { statusCode: 201 },
      });
      const everything = JSON.stringify(lines);
      for (const secret of ['super-secret-value', 'also-secret', 'secret-in-query', 'very private words', token])
        expect(everything).not.toContain(secret);
      expect(everything).not.toContain('S'.repeat(43));
      expect(everything).not.toContain('Q'.repeat(43));
      expect(everything).toContain('/api/newsletter/unsubscribe/[token]');
    } finally {
      await logged.close();
    }
  });

  it('a body nested thousands deep is a 400 naming the field, on every route, without an error logged', async () => {
    const deep = (field: string) => `{"${field}":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (const [path, field] of [
      ['/api/newsletter/confirm', 'token'],
      ['/api/contact', 'name'],
      ['/api/newsletter', 'metadata'],
    ]) {
      const response = await postJson(t.url, path, deep(field));
      expect([path, response.status]).toEqual([path, 400]);
      expect(((await response.json()) as { fields: Record<string, string> }).fields).toHaveProperty(field);
    }
    const nestedObjects = await postJson(
      t.url,
      '/api/newsletter',
      `{"email":"a@example.com","metadata":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`,
    );
    expect(nestedObjects.status).toBe(400);
  });

  it('warns at boot about a public /metrics in production, double opt-in without SMTP, and no PUBLIC_URL', async () => {
    const lines: { level: number; msg: string }[] = [];
    const production = await startApp(
      { NODE_ENV: 'production', LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'violet-harbour-engine-42' },
      undefined,
      { write: (line: string) => lines.push(JSON.parse(line) as { level: number; msg: string }) },
    );
    await production.close();
    const warnings = lines.filter((line) => line.level === 40).map((line) => line.msg);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('METRICS_TOKEN'),
        expect.stringContaining('SMTP_HOST is not set'),
        expect.stringContaining('PUBLIC_URL is not set'),
      ]),
    );
  });

  it('with Redis down, /health still answers 200 (degraded) while intake works; /health/ready says 503', async () => {
    const degraded = await startApp({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_MAX: '5' });
    try {
      const health = await fetch(`${degraded.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'degraded', checks: { database: 'up', redis: 'down' } });
      const ready = await fetch(`${degraded.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ fields: { redis: 'down' } });
      expect((await postJson(degraded.url, '/api/contact', newContact())).status).toBe(201);
    } finally {
      await degraded.close();
    }
  });

  it('sends security headers and no X-Powered-By', async () => {
    const response = await fetch(`${t.url}/health/live`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('unknown routes and admin-only routes answer JSON errors (deny by default)', async () => {
    const missing = await fetch(`${t.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found', request_id: expect.any(String) });
  });

  it('serves the OpenAPI document listing the contact API', async () => {
    const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/contact', '/health']));
  });

  it('a database failure gives /health 503 naming the database, and a generic 500 elsewhere with no internals', async () => {
    const broken = await startApp({ RATE_LIMIT_MAX: '0' });
    try {
      await broken.app.get(DataSource).destroy();
      const health = await fetch(`${broken.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ fields: { database: 'down' } });
      const failed = await postJson(broken.url, '/api/contact', newContact());
      expect(failed.status).toBe(500);
      const text = await failed.text();
      expect(JSON.parse(text)).toEqual({
        error: 'internal_error',
        message: 'Internal server error',
        request_id: expect.any(String),
      });
      expect(text).not.toMatch(/sqlite|postgres|typeorm|at \w+ \(/i);
    } finally {
      await broken.close().catch(() => undefined);
    }
  });
});
