import type { TestApp } from './support/app';
import { startAdminApp, type AdminSession } from './support/admin';
import { addSubscriber } from './support/newsletters';

interface Subscriber {
  id: number;
  email: string;
  name: string | null;
  status: string;
  metadata: unknown;
  consent: Record<string, unknown>;
}
interface ListPage<T> {
  items: T[];
  total: number;
  fields?: Record<string, string>;
}

describe('admin API: subscribers and the audit log', () => {
  let t: TestApp;
  let owner: AdminSession;
  let viewer: AdminSession;

  beforeAll(async () => {
    ({ t, owner, viewer } = await startAdminApp({ RATE_LIMIT_MAX: '0' }));
    for (const [email, name, status] of [
      ['ada@example.com', 'Ada Lovelace', 'pending'],
      ['grace@example.com', 'Grace Hopper', 'confirmed'],
      ['linus@example.org', null, 'pending'],
    ] as const) {
      await addSubscriber(t, { email, name, status, metadata: { plan: 'free' }, subscribe_ip: '127.0.0.1' });
    }
  });
  afterAll(() => t.close());

  const list = async (session: AdminSession, path: string) => {
    const response = await session.request(path);
    return {
      status: response.status,
      body: (await response.json()) as ListPage<Subscriber>,
      headers: response.headers,
    };
  };

  it('lists subscribers with totals, filters and an allow-listed sort', async () => {
    const all = await list(viewer, '/admin/api/newsletter?sort_by=email&sort_order=asc');
    expect(all.status).toBe(200);
    expect(all.headers.get('cache-control')).toBe('no-store');
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((s) => s.email)).toEqual(['ada@example.com', 'grace@example.com', 'linus@example.org']);
    expect(all.body.items[0]).toMatchObject({ name: 'Ada Lovelace', status: 'pending', metadata: { plan: 'free' } });
    expect(all.body.items[0].consent.subscribe_ip).toBe('127.0.0.1');
    expect((await list(viewer, '/admin/api/newsletter?status=confirmed')).body.items.map((s) => s.email)).toEqual([
      'grace@example.com',
    ]);
    expect((await list(viewer, '/admin/api/newsletter?q=LOVELACE')).body.items.map((s) => s.email)).toEqual([
      'ada@example.com',
    ]);
    expect((await list(viewer, '/admin/api/newsletter?q=.org')).body.total).toBe(1);
    const bad = await list(viewer, '/admin/api/newsletter?sort_by=mail_window_count');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields ?? {})).toEqual(['sort_by']);
  });

  it('reads and deletes one subscriber (owner/admin only), with an audit entry', async () => {
    const [ada] = (await list(owner, '/admin/api/newsletter?q=ada')).body.items;
    expect((await owner.request(`/admin/api/newsletter/${ada.id}`)).status).toBe(200);
    expect((await viewer.request(`/admin/api/newsletter/${ada.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await owner.request(`/admin/api/newsletter/${ada.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await owner.request(`/admin/api/newsletter/${ada.id}`)).status).toBe(404);
    expect(await t.query('SELECT id FROM subscriber_tokens WHERE subscriber_id = :id', { id: ada.id })).toEqual([]);
  });

  it('lists the audit log for owners and admins, filterable by action and actor', async () => {
    expect((await viewer.request('/admin/api/audit')).status).toBe(403);
    const response = await owner.request('/admin/api/audit?action=subscriber.delete');
    expect(response.status).toBe(200);
    const page = (await response.json()) as ListPage<{
      actor: string;
      action: string;
      target: string;
      ip: string;
      created_at: string;
    }>;
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ actor: 'owner', action: 'subscriber.delete', ip: '127.0.0.1' });
    expect(page.items[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const logins = (await (
      await owner.request('/admin/api/audit?action=login&actor=viewer')
    ).json()) as ListPage<unknown>;
    expect(logins.total).toBe(1);
    expect((await owner.request('/admin/api/audit?sort_by=details')).status).toBe(400);
    const searched = (await (await owner.request('/admin/api/audit?q=SUBSCRIBER.del')).json()) as ListPage<unknown>;
    expect(searched.total).toBe(1);
    expect(((await (await owner.request('/admin/api/audit?q=no-such-thing')).json()) as ListPage<unknown>).total).toBe(
      0,
    );
  });
});

describe('admin API: changing and exporting subscribers', () => {
  let t: TestApp;
  let owner: AdminSession;
  let viewer: AdminSession;

  beforeAll(async () => {
    ({ t, owner, viewer } = await startAdminApp({ RATE_LIMIT_MAX: '0' }));
    for (const [email, name] of [
      ['=cmd@example.com', '@SUM(1+1)'],
      ['plain@example.com', 'Plain'],
    ]) {
      await addSubscriber(t, { email, name });
    }
  });
  afterAll(() => t.close());

  it('edits name and metadata, unsubscribes (never subscribes), and records who did it', async () => {
    const [plain] = ((await (await owner.request('/admin/api/newsletter?q=plain')).json()) as ListPage<Subscriber>)
      .items;
    expect(
      (await viewer.request(`/admin/api/newsletter/${plain.id}`, { method: 'PATCH', body: { name: 'X' } })).status,
    ).toBe(403);
    expect(
      (await owner.request(`/admin/api/newsletter/${plain.id}`, { method: 'PATCH', body: { status: 'confirmed' } }))
        .status,
    ).toBe(400);
    const edited = await owner.request(`/admin/api/newsletter/${plain.id}`, {
      method: 'PATCH',
      body: { name: 'Plain Person', metadata: { tier: 'gold' }, status: 'unsubscribed' },
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({
      name: 'Plain Person',
      metadata: { tier: 'gold' },
      status: 'unsubscribed',
      consent: { unsubscribe_reason: 'admin:owner' },
    });
    const [entry] = await t.query<{ actor: string; details: string }>(
      "SELECT actor, details FROM audit_log WHERE action = 'subscriber.update'",
    );
    expect(entry.actor).toBe('owner');
    expect(JSON.parse(entry.details)).toMatchObject({ status: 'unsubscribed' });
  });

  it('exports subscribers as a CSV attachment with formula cells neutralised', async () => {
    expect((await viewer.request('/admin/api/newsletter/export.csv')).status).toBe(403);
    const response = await owner.request('/admin/api/newsletter/export.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,email,name,status,source,created_at,confirmed_at,unsubscribed_at');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("'=cmd@example.com,'@SUM(1+1),pending");
  });
});
