import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC, loadConfig } from '@mailroom/platform';
import { ROLES } from '@mailroom/auth';
import { addAdmin, signIn } from './support/admin';
import { createApp } from '../apps/api/src/create-app';
import { createTestDatabase } from './support/database';
import { startApp, TEST_ENV, type TestApp } from './support/app';

const PASSWORD = 'violet-harbour-engine-42';

const login = (t: TestApp, body: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${t.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const cookieOf = (response: Response) => /mailroom_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
const session = (t: TestApp, cookie: string | undefined) =>
  fetch(`${t.url}/auth/session`, { headers: cookie ? { cookie: `mailroom_session=${cookie}` } : {} });

describe('admin sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({
      ADMIN_USERNAME: 'owner',
      ADMIN_PASSWORD: PASSWORD,
      TRUST_PROXY: 'true',
      SESSION_IDLE_MINUTES: '1',
    });
  });
  afterAll(() => t.close());

  it('creates the first owner from ADMIN_USERNAME/ADMIN_PASSWORD, with an argon2id hash', async () => {
    const [admin] = await t.query<{ username: string; role: string; password_hash: string }>(
      'SELECT * FROM admin_users',
    );
    expect(admin).toMatchObject({ username: 'owner', role: 'owner' });
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('signs in with a fresh HttpOnly SameSite=Lax session cookie each time; the session answers until logout', async () => {
    const first = await login(t, { username: 'owner', password: PASSWORD });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { user: { username: string; role: string }; csrf_token: string };
    expect(body.user).toMatchObject({ username: 'owner', role: 'owner' });
    expect(body.csrf_token).toMatch(/.{24,}/);
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const second = await login(t, { username: 'owner', password: PASSWORD });
    expect(cookieOf(second)).not.toBe(cookieOf(first));

    const cookie = cookieOf(first);
    const current = await session(t, cookie);
    expect(current.status).toBe(200);
    expect(await current.json()).toEqual(body);

    // Logout is a state change: it needs the CSRF header.
    const noCsrf = await fetch(`${t.url}/auth/logout`, {
      method: 'POST',
      headers: { cookie: `mailroom_session=${cookie}` },
    });
    expect(noCsrf.status).toBe(403);
    const out = await fetch(`${t.url}/auth/logout`, {
      method: 'POST',
      headers: { cookie: `mailroom_session=${cookie}`, 'x-csrf-token': body.csrf_token },
    });
    expect(out.status).toBe(204);
    expect((await session(t, cookie)).status).toBe(401);
    expect((await session(t, cookieOf(second))).status).toBe(200);
  });

  it('over https (behind a trusted proxy) the cookie is Secure and __Host- prefixed, and only that one counts', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const response = await login(t, { username: 'owner', password: PASSWORD }, https);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-mailroom_session=[^;]+;/);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
    const token = cookieOf(response)!;
    const withCookie = (cookie: string) => fetch(`${t.url}/auth/session`, { headers: { ...https, cookie } });
    expect((await withCookie(`__Host-mailroom_session=${token}`)).status).toBe(200);
    // A plain cookie (which a sibling subdomain could have set) is not read over https.
    expect((await withCookie(`mailroom_session=${token}`)).status).toBe(401);
  });

  it('sign-in takes a username and password as strings from the body only, each of a sane length', async () => {
    const post = (body: unknown, query = '') =>
      fetch(`${t.url}/auth/login${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const [body, field] of [
      [{ username: 1, password: PASSWORD }, 'username'],
      [{ username: ['owner'], password: PASSWORD }, 'username'],
      [{ username: 'owner', password: { x: 1 } }, 'password'],
      [{ username: 'x'.repeat(60_000), password: PASSWORD }, 'username'],
    ] as const) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { fields: Record<string, string> }).fields).toHaveProperty(field);
    }
    const fromQuery = await post({}, `?username=owner&password=${encodeURIComponent(PASSWORD)}`);
    expect(fromQuery.status).toBe(400);
  });

  it('refuses a sign-in another site posts (login CSRF), by Fetch Metadata or Origin', async () => {
    const credentials = { username: 'owner', password: PASSWORD };
    expect((await login(t, credentials, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await login(t, credentials, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await login(t, credentials, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await login(t, credentials, { 'sec-fetch-site': 'same-origin', origin: t.url })).status).toBe(200);
    const form = await fetch(`${t.url}/auth/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'sec-fetch-site': 'cross-site', accept: 'text/html' },
      body: new URLSearchParams(credentials),
    });
    expect(form.status).toBe(403);
  });

  it('counts IPv6 clients per /64 when throttling', async () => {
    for (let i = 1; i <= 10; i++) {
      const ip = { 'x-forwarded-for': `2001:db8:aa:bb::${i.toString(16)}` };
      expect((await login(t, { username: 'owner', password: `wrong-guess-${i}-abcdef` }, ip)).status).toBe(401);
    }
    const sameNetwork = { 'x-forwarded-for': '2001:db8:aa:bb:ffff::1' };
    expect((await login(t, { username: 'owner', password: PASSWORD }, sameNetwork)).status).toBe(429);
  });

  it('gives an unknown user and a wrong password the same answer', async () => {
    const unknown = await login(t, { username: 'nobody', password: PASSWORD }, { 'x-forwarded-for': '203.0.113.50' });
    const wrong = await login(
      t,
      { username: 'owner', password: 'not-the-password-at-all' },
      { 'x-forwarded-for': '203.0.113.50' },
    );
    const strip = async (r: Response) => ({
      status: r.status,
      body: { ...((await r.json()) as object), request_id: undefined },
    });
    expect(await strip(unknown)).toEqual(await strip(wrong));
    expect(unknown.status).toBe(401);
    const [failed] = await t.query<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login_failed'");
    expect(Number(failed.n)).toBeGreaterThanOrEqual(2);
  });

  it('throttles failures per account and IP without locking the admin out from another IP', async () => {
    const attacker = { 'x-forwarded-for': '198.51.100.9' };
    for (let i = 0; i < 10; i++)
      expect((await login(t, { username: 'owner', password: `wrong-guess-number-${i}` }, attacker)).status).toBe(401);
    expect((await login(t, { username: 'owner', password: PASSWORD }, attacker)).status).toBe(429);
    expect(
      (await login(t, { username: 'owner', password: PASSWORD }, { 'x-forwarded-for': '192.0.2.77' })).status,
    ).toBe(200);
  });

  it('ends a session that sat idle longer than SESSION_IDLE_MINUTES', async () => {
    const cookie = cookieOf(await login(t, { username: 'owner', password: PASSWORD }));
    expect((await session(t, cookie)).status).toBe(200);
    await t.db.write('UPDATE admin_sessions SET last_seen_at = :idleSince', {
      idleSince: new Date(Date.now() - 61_000),
    });
    expect((await session(t, cookie)).status).toBe(401);
  });

  it('serves a minimal server-side sign-in page', async () => {
    const page = await fetch(`${t.url}/auth/login`);
    expect(await page.text()).toContain('<form method="post" action="/auth/login">');
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
const describeWithRedis = redisUrl ? describe : describe.skip;

describe('sessions survive restarts and are shared by every instance', () => {
  it('in the database by default: a session outlives the process that created it', async () => {
    const first = await startApp({ ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: PASSWORD });
    const cookie = cookieOf(await login(first, { username: 'owner', password: PASSWORD }));
    await first.close({ keepDatabase: true });
    const second = await startApp({ ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: PASSWORD }, first.database);
    try {
      expect((await session(second, cookie)).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('with REDIS_URL but Redis unreachable, sign-in answers 503 instead of failing open or with a 500', async () => {
    const t = await startApp({ ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: PASSWORD, REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const response = await login(t, { username: 'owner', password: PASSWORD });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: string }).error).toBe('unavailable');
      expect((await session(t, 'A'.repeat(43))).status).toBe(503);
    } finally {
      await t.close();
    }
  });

  describeWithRedis('with REDIS_URL', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      const env = { ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: PASSWORD, REDIS_URL: redisUrl!, TRUST_PROXY: 'true' };
      a = await startApp(env);
      b = await startApp(env, a.database);
    });
    afterAll(async () => {
      await b.close({ keepDatabase: true });
      await a.close();
    });

    it('keeps sessions in Redis, seen by another instance, and ends them everywhere on logout', async () => {
      const onA = await signIn(a, 'owner', PASSWORD);
      expect(await a.query('SELECT id FROM admin_sessions')).toEqual([]);
      expect((await session(b, onA.cookie)).status).toBe(200);
      const logout = await fetch(`${b.url}/auth/logout`, {
        method: 'POST',
        headers: { cookie: `mailroom_session=${onA.cookie}`, 'x-csrf-token': onA.csrf },
      });
      expect(logout.status).toBe(204);
      expect((await session(a, onA.cookie)).status).toBe(401);
    });

    it('a password change on one instance ends the other sessions on all of them', async () => {
      const keep = await signIn(a, 'owner', PASSWORD);
      const other = cookieOf(await login(b, { username: 'owner', password: PASSWORD }));
      const next = 'quiet-lantern-orchard-77';
      const changed = await keep.request('/auth/password', {
        method: 'POST',
        body: { current_password: PASSWORD, new_password: next },
      });
      expect(changed.status).toBeLessThan(300);
      expect((await session(b, other)).status).toBe(401);
      expect((await session(b, keep.cookie)).status).toBe(200);
      await keep.request('/auth/password', {
        method: 'POST',
        body: { current_password: next, new_password: PASSWORD },
      });
    });

    it('counts failed sign-ins across instances', async () => {
      const attacker = { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 200) + 20}` };
      for (let i = 0; i < 5; i++) await login(a, { username: 'owner', password: `wrong-guess-${i}` }, attacker);
      for (let i = 5; i < 10; i++) await login(b, { username: 'owner', password: `wrong-guess-${i}` }, attacker);
      expect((await login(a, { username: 'owner', password: PASSWORD }, attacker)).status).toBe(429);
      expect((await login(b, { username: 'owner', password: PASSWORD }, attacker)).status).toBe(429);
    });
  });
});

describe('first run', () => {
  it('refuses to start in production without a usable ADMIN_PASSWORD', async () => {
    for (const password of [undefined, 'admin', 'short']) {
      const database = await createTestDatabase();
      const env = {
        ...TEST_ENV,
        NODE_ENV: 'production',
        SECRET_KEY: 'x'.repeat(40),
        DATABASE_URL: database.url,
        ...(password ? { ADMIN_PASSWORD: password } : {}),
      };
      const app = await createApp(loadConfig(env));
      await expect(app.init()).rejects.toThrow(/ADMIN_PASSWORD/);
      await app.close().catch(() => undefined);
      await database.drop();
    }
  });

  it('in development, generates a strong password and says so once', async () => {
    const lines: string[] = [];
    const t = await startApp({ NODE_ENV: 'development', LOG_LEVEL: 'info' }, undefined, {
      write: (line: string) => lines.push(line),
    });
    try {
      const notice = lines.find((line) => line.includes('generated password'));
      const password = /generated password: (\S+)/.exec(notice ?? '')?.[1];
      expect(password).toMatch(/^.{20,}$/);
      expect((await login(t, { username: 'admin', password: password! })).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('deny by default', () => {
  it('every route that is not explicitly @Public() answers 401 without a session, and 403 to a role it excludes', async () => {
    const t = await startApp();
    try {
      await addAdmin(t, 'viewer', 'viewer');
      const viewer = await signIn(t, 'viewer');
      const forbidden: string[] = [];
      const discovery = new DiscoveryService(t.app.get(ModulesContainer));
      const scanner = new MetadataScanner();
      const reflector = new Reflector();
      const closed: string[] = [];
      for (const wrapper of discovery.getControllers()) {
        const instance = wrapper.instance as object | undefined;
        const controller = wrapper.metatype as (new (...args: unknown[]) => object) | null;
        if (!instance || !controller) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
        for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
          const handler = (instance as Record<string, unknown>)[name] as () => unknown;
          const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
          if (path === undefined) continue;
          if (reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller])) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          const url = `/${[base, path].filter((p) => p && p !== '/').join('/')}`
            .replace(/\/+/g, '/')
            .replace(/:\w+/g, '1');
          const response = await fetch(`${t.url}${url}`, {
            method,
            headers: { 'content-type': 'application/json' },
            body: method === 'GET' ? undefined : '{}',
          });
          expect({ route: `${method} ${url}`, status: response.status }).toEqual({
            route: `${method} ${url}`,
            status: 401,
          });
          closed.push(`${method} ${url}`);
          const roles = reflector.getAllAndOverride<string[] | undefined>(ROLES, [handler, controller]);
          if (roles && !roles.includes('viewer')) {
            const asViewer = await viewer.request(url, { method, body: method === 'GET' ? undefined : {} });
            expect({ route: `${method} ${url}`, status: asViewer.status }).toEqual({
              route: `${method} ${url}`,
              status: 403,
            });
            forbidden.push(`${method} ${url}`);
          }
        }
      }
      expect(closed).toEqual(
        expect.arrayContaining(['GET /auth/session', 'POST /auth/logout', 'GET /admin/api/contact']),
      );
      expect(forbidden).toEqual(
        expect.arrayContaining(['DELETE /admin/api/contact/1', 'GET /admin/api/users', 'GET /admin/api/audit']),
      );
    } finally {
      await t.close();
    }
  });
});
