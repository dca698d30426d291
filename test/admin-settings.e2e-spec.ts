import { createTestDatabase } from './support/database';
import { newContact, postJson, startApp, type TestApp } from './support/app';
import { OWNER_PASSWORD, signIn, type AdminSession } from './support/admin';
import { waitFor } from './support/wait';

interface Setting {
  key: string;
  value: unknown;
  source: string;
  editable: boolean;
  secret: boolean;
}

describe('admin API: settings', () => {
  let a: TestApp;
  let b: TestApp;
  let owner: AdminSession;

  beforeAll(async () => {
    const database = await createTestDatabase();
    const env = {
      ADMIN_USERNAME: 'owner',
      ADMIN_PASSWORD: OWNER_PASSWORD,
      RATE_LIMIT_MAX: '100',
      TRUST_PROXY: 'true',
      SMTP_PASSWORD: 'smtp-secret-value',
    };
    a = await startApp(env, database);
    b = await startApp(env, database);
    owner = await signIn(a, 'owner');
  });
  afterAll(async () => {
    await a.close({ keepDatabase: true });
    await b.close();
  });

  const settings = async () => (await (await owner.request('/admin/api/settings')).json()) as Setting[];
  const find = async (key: string) => (await settings()).find((s) => s.key === key)!;

  it('lists every setting with value, source and type; secrets masked; environment-only ones read-only', async () => {
    const all = await settings();
    expect(all.map((s) => s.key)).toEqual(
      expect.arrayContaining([
        'SITE_NAME',
        'SMTP_RECIPIENTS',
        'RATE_LIMIT_MAX',
        'DOUBLE_OPT_IN',
        'HONEYPOT_FIELD',
        'THANK_YOU_URL',
        'ALLOWED_ORIGIN',
        'DATABASE_URL',
      ]),
    );
    expect(await find('RATE_LIMIT_MAX')).toMatchObject({ value: 100, source: 'environment', editable: true });
    expect(await find('SITE_NAME')).toMatchObject({ value: 'Mailroom', source: 'default' });
    expect(await find('SMTP_PASSWORD')).toMatchObject({ value: '********', secret: true, editable: false });
    expect(JSON.stringify(all)).not.toContain('smtp-secret-value');
  });

  it('refuses unknown keys (listing the known ones), read-only keys and values of the wrong type', async () => {
    const unknown = await owner.request('/admin/api/settings/NOPE', { method: 'PUT', body: { value: 1 } });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { fields: { key: string } }).fields.key).toContain('RATE_LIMIT_MAX');
    expect(
      (await owner.request('/admin/api/settings/DATABASE_URL', { method: 'PUT', body: { value: 'x' } })).status,
    ).toBe(400);
    const wrong = await owner.request('/admin/api/settings/RATE_LIMIT_MAX', { method: 'PUT', body: { value: 'lots' } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ fields: { value: expect.stringContaining('whole number') } });
    expect(
      (
        await owner.request('/admin/api/settings/SMTP_RECIPIENTS', {
          method: 'PUT',
          body: { value: 'a@x.io, not an address' },
        })
      ).status,
    ).toBe(400);
  });

  it('lowering the rate limit changes the very next request on this instance, and soon on the other', async () => {
    expect(
      (await owner.request('/admin/api/settings/RATE_LIMIT_MAX', { method: 'PUT', body: { value: 2 } })).status,
    ).toBe(200);
    const ip = { 'x-forwarded-for': '203.0.113.99' };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postJson(a.url, '/api/contact', newContact(), ip)).status);
    expect(statuses).toEqual([201, 201, 429]);
    await waitFor(() => b.config.rateLimit.max === 2, 10_000, 'the other instance to apply the setting');
    const other = { 'x-forwarded-for': '203.0.113.100' };
    const onB = [];
    for (let i = 0; i < 3; i++) onB.push((await postJson(b.url, '/api/contact', newContact(), other)).status);
    expect(onB).toEqual([201, 201, 429]);
  });

  it('changes text settings live and returns them to the environment value on DELETE', async () => {
    expect(
      (await owner.request('/admin/api/settings/SITE_NAME', { method: 'PUT', body: { value: 'Acme Forms' } })).status,
    ).toBe(200);
    expect(await (await fetch(`${a.url}/api/contact/thanks`)).text()).toContain('Acme Forms');
    await waitFor(
      async () => (await (await fetch(`${b.url}/api/contact/thanks`)).text()).includes('Acme Forms'),
      10_000,
      'instance B to show the new name',
    );
    expect(await find('SITE_NAME')).toMatchObject({ value: 'Acme Forms', source: 'database' });
    expect((await owner.request('/admin/api/settings/RATE_LIMIT_MAX', { method: 'DELETE' })).status).toBe(200);
    expect(await find('RATE_LIMIT_MAX')).toMatchObject({ value: 100, source: 'environment' });
    await waitFor(() => b.config.rateLimit.max === 100, 10_000, 'instance B to return to the environment value');
    const [entry] = await a.query<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'setting.update' AND target = 'SITE_NAME'",
    );
    expect(JSON.parse(entry.details)).toEqual({ from: 'Mailroom', to: 'Acme Forms' });
  });
});
