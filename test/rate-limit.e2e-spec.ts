import Redis from 'ioredis';
import { createTestDatabase } from './support/database';
import { newContact, postJson, startApp } from './support/app';

const redisUrl = process.env.TEST_REDIS_URL;
const describeWithRedis = redisUrl ? describe : describe.skip;

describe('per-IP rate limit on submissions (in memory)', () => {
  it('answers 429 with Retry-After past RATE_LIMIT_MAX, storing nothing more', async () => {
    const t = await startApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '60' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await postJson(t.url, '/api/contact', newContact())).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const refused = await postJson(t.url, '/api/contact', newContact());
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: 'rate_limited' });
      const [row] = await t.query<{ n: number }>('SELECT COUNT(*) AS n FROM contact_submissions');
      expect(Number(row.n)).toBe(3);
      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      expect(metrics).toMatch(/mailroom_rate_limit_hits_total\{route="\/api\/contact"\} [3-9]/);
    } finally {
      await t.close();
    }
  });

  it('RATE_LIMIT_MAX=0 switches the limit off', async () => {
    const t = await startApp({ RATE_LIMIT_MAX: '0' });
    try {
      for (let i = 0; i < 25; i++) expect((await postJson(t.url, '/api/contact', newContact())).status).toBe(201);
    } finally {
      await t.close();
    }
  });

  it('counts per client IP, believing X-Forwarded-For only with TRUST_PROXY', async () => {
    const trusting = await startApp({ RATE_LIMIT_MAX: '1', TRUST_PROXY: 'true' });
    const wary = await startApp({ RATE_LIMIT_MAX: '1' });
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      expect((await postJson(trusting.url, '/api/contact', newContact(), from('203.0.113.1'))).status).toBe(201);
      expect((await postJson(trusting.url, '/api/contact', newContact(), from('203.0.113.2'))).status).toBe(201);
      expect((await postJson(trusting.url, '/api/contact', newContact(), from('203.0.113.1'))).status).toBe(429);
      expect((await postJson(wary.url, '/api/contact', newContact(), from('203.0.113.1'))).status).toBe(201);
      expect((await postJson(wary.url, '/api/contact', newContact(), from('203.0.113.2'))).status).toBe(429);
    } finally {
      await trusting.close();
      await wary.close();
    }
  });
});

describe('who a client is, behind a proxy', () => {
  it('TRUST_PROXY counts hops: entries a client adds to X-Forwarded-For do not make it someone else', async () => {
    const t = await startApp({ RATE_LIMIT_MAX: '2', TRUST_PROXY: 'true' });
    try {
      // The proxy appends the address it saw (198.51.100.5); whatever the client sent before it is ignored.
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await postJson(t.url, '/api/contact', newContact(), { 'x-forwarded-for': `10.0.0.${i}, 198.51.100.5` }))
            .status,
        );
      expect(statuses).toEqual([201, 201, 429, 429]);
    } finally {
      await t.close();
    }
  });

  it('a forwarded value that is not an address is not believed, and never breaks a write', async () => {
    const t = await startApp({ RATE_LIMIT_MAX: '0', TRUST_PROXY: 'true' });
    try {
      const junk = { 'x-forwarded-for': 'x'.repeat(80) };
      const response = await postJson(t.url, '/api/contact', newContact(), junk);
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: number };
      const [row] = await t.query<{ ip: string }>('SELECT ip FROM contact_submissions WHERE id = :id', { id });
      expect(row.ip).toBe('127.0.0.1');
    } finally {
      await t.close();
    }
  });

  it('counts an IPv6 client by its /64: rotating the low bits does not escape the limit', async () => {
    const t = await startApp({ RATE_LIMIT_MAX: '3', TRUST_PROXY: 'true' });
    try {
      const statuses = [];
      for (let i = 1; i <= 5; i++)
        statuses.push(
          (await postJson(t.url, '/api/contact', newContact(), { 'x-forwarded-for': `2001:db8:5:6::${i}` })).status,
        );
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const other = await postJson(t.url, '/api/contact', newContact(), { 'x-forwarded-for': '2001:db8:5:7::1' });
      expect(other.status).toBe(201);
    } finally {
      await t.close();
    }
  });
});

describeWithRedis('rate limit shared through Redis', () => {
  it('two instances share one count', async () => {
    const client = new Redis(redisUrl!);
    await client.flushdb();
    await client.quit();
    const database = await createTestDatabase();
    const env = { RATE_LIMIT_MAX: '4', REDIS_URL: redisUrl!, TRUST_PROXY: 'true' };
    const a = await startApp(env, database);
    const b = await startApp(env, database);
    try {
      const ip = { 'x-forwarded-for': '198.51.100.77' };
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await postJson(a.url, '/api/contact', newContact(), ip)).status);
      for (let i = 0; i < 3; i++) statuses.push((await postJson(b.url, '/api/contact', newContact(), ip)).status);
      expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
      const health = (await (await fetch(`${a.url}/health`)).json()) as { checks: Record<string, string> };
      expect(health.checks).toEqual({ database: 'up', redis: 'up' });
    } finally {
      await a.close({ keepDatabase: true });
      await b.close();
    }
  });

  it('keeps accepting submissions with per-process limits when Redis is unreachable, and /health says so', async () => {
    // Nothing listens on this port: the shared store fails on every call.
    const t = await startApp({ RATE_LIMIT_MAX: '2', REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await postJson(t.url, '/api/contact', newContact())).status);
      expect(statuses).toEqual([201, 201, 429]);
      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      expect(metrics).toMatch(/mailroom_rate_limit_store_errors_total [1-9]/);
      // Intake works, so the process is healthy (a container is not restarted for it); readiness says what is down.
      const health = await fetch(`${t.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'degraded', checks: { redis: 'down' } });
      const ready = await fetch(`${t.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ error: 'unavailable', fields: { redis: 'down' } });
    } finally {
      await t.close();
    }
  });
});
