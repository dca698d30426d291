import { newContact, postJson, type TestApp } from './support/app';
import { startAdminApp, type AdminSession } from './support/admin';

interface Row {
  id: number;
  name: string;
  email: string;
  status: string;
  created_at: string;
}
interface ListPage {
  items: Row[];
  total: number;
  total_exact: boolean;
  page: number;
  per_page: number;
}

describe('admin API: contact submissions', () => {
  let t: TestApp;
  let owner: AdminSession;
  let viewer: AdminSession;
  const ids: number[] = [];

  beforeAll(async () => {
    ({ t, owner, viewer } = await startAdminApp({ RATE_LIMIT_MAX: '0' }));
    const samples = [
      newContact({ name: 'Alice Anders', email: 'alice@example.com', company: 'Acme', message: 'Need a quote' }),
      newContact({ name: 'Bob Brown', email: 'bob@example.com', message: 'Hello there 100% sure_thing' }),
      newContact({ name: '=HYPERLINK("http://evil")', email: 'eve@example.com', message: '+1 call me, "now"' }),
    ];
    for (const sample of samples)
      ids.push(((await (await postJson(t.url, '/api/contact', sample)).json()) as { id: number }).id);
  });
  afterAll(() => t.close());

  const list = async (session: AdminSession, query: string) => {
    const response = await session.request(`/admin/api/contact${query}`);
    return {
      status: response.status,
      body: (await response.json()) as ListPage & { fields?: Record<string, string> },
      headers: response.headers,
    };
  };

  it('lists with pagination and totals, newest first, never cached', async () => {
    const first = await list(viewer, '?per_page=2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 3, page: 1, per_page: 2 });
    expect(first.body.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const second = await list(viewer, '?per_page=2&page=2');
    expect(second.body.items.map((r) => r.id)).toEqual([ids[0]]);
  });

  it('filters by email, text (case-insensitive, wildcards literal), status and dates; sorts by allowed columns', async () => {
    expect((await list(owner, '?email=bob@example.com')).body.items.map((r) => r.name)).toEqual(['Bob Brown']);
    expect((await list(owner, '?q=ACME')).body.items.map((r) => r.name)).toEqual(['Alice Anders']);
    expect((await list(owner, '?q=100%25')).body.total).toBe(1);
    expect((await list(owner, '?q=_')).body.items.map((r) => r.name)).toEqual(['Bob Brown']);
    expect((await list(owner, '?date_from=2000-01-01&date_to=2000-12-31')).body.total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(owner, `?date_from=${today}&date_to=${today}`)).body.total).toBe(3);
    expect((await list(owner, '?sort_by=name&sort_order=asc')).body.items.map((r) => r.name)).toEqual([
      '=HYPERLINK("http://evil")',
      'Alice Anders',
      'Bob Brown',
    ]);
    expect((await list(owner, '?status=spam')).body.total).toBe(0);
  });

  it.each([
    ['sort_by=name;DROP TABLE contact_submissions', 'sort_by'],
    ['sort_by=password_hash', 'sort_by'],
    ['sort_order=sideways', 'sort_order'],
    ['per_page=101', 'per_page'],
    ['page=0', 'page'],
    ['date_from=yesterday', 'date_from'],
    ['status=deleted', 'status'],
    ['limit=5', 'limit'],
  ])('refuses %s with 400 naming the parameter', async (query, field) => {
    const { status, body } = await list(owner, `?${query}`);
    expect(status).toBe(400);
    expect(Object.keys(body.fields ?? {})).toContain(field);
  });

  it('reads one submission at both the admin path and the seed path; ids must be integers', async () => {
    const admin = await owner.request(`/admin/api/contact/${ids[0]}`);
    expect(await admin.json()).toMatchObject({ id: ids[0], name: 'Alice Anders', ip: '127.0.0.1' });
    const seed = await owner.request(`/api/contact/${ids[0]}`);
    expect(seed.status).toBe(200);
    expect((await owner.request('/admin/api/contact/abc')).status).toBe(400);
    expect((await owner.request('/admin/api/contact/999999')).status).toBe(404);
    const seedList = (await (await owner.request('/api/contact?per_page=1')).json()) as ListPage;
    expect(seedList.total).toBe(3);
  });

  it('changes status (owner/admin only, with CSRF and JSON) and records it in the audit log', async () => {
    expect(
      (await viewer.request(`/admin/api/contact/${ids[1]}`, { method: 'PATCH', body: { status: 'read' } })).status,
    ).toBe(403);
    expect(
      (await owner.request(`/admin/api/contact/${ids[1]}`, { method: 'PATCH', body: { status: 'read' }, csrf: false }))
        .status,
    ).toBe(403);
    const form = await fetch(`${t.url}/admin/api/contact/${ids[1]}`, {
      method: 'PATCH',
      headers: {
        cookie: `mailroom_session=${owner.cookie}`,
        'x-csrf-token': owner.csrf,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'status=read',
    });
    expect(form.status).toBe(403);
    const ok = await owner.request(`/admin/api/contact/${ids[1]}`, { method: 'PATCH', body: { status: 'read' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'read' });
    expect(
      (await owner.request(`/admin/api/contact/${ids[1]}`, { method: 'PATCH', body: { status: 'bogus' } })).status,
    ).toBe(400);
    const [entry] = await t.query<{ actor: string; details: string }>(
      "SELECT actor, details FROM audit_log WHERE action = 'contact.status'",
    );
    expect(entry.actor).toBe('owner');
    expect(JSON.parse(entry.details)).toEqual({ from: 'new', to: 'read' });
  });

  it('exports the filtered set as a CSV attachment with formula cells neutralised', async () => {
    expect((await viewer.request('/admin/api/contact/export.csv')).status).toBe(403);
    const response = await owner.request('/admin/api/contact/export.csv?q=call');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,created_at,status,name,email,company,timeline,message');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain(`"'+1 call me, ""now"""`);
  });

  it('refuses what another site starts (a link to an export) and any body that is not JSON, however framed', async () => {
    const exports = async () =>
      Number(
        (await t.query<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'contact.export'"))[0].n,
      );
    const before = await exports();
    const linked = await owner.request('/admin/api/contact/export.csv', {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(linked.status).toBe(403);
    expect(await exports()).toBe(before);
    const ours = await owner.request('/admin/api/contact/export.csv', { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(ours.status).toBe(200);
    await ours.text();

    // A stream body goes out chunked, with no Content-Length.
    const chunked = await fetch(`${t.url}/admin/api/contact/${ids[0]}`, {
      method: 'PATCH',
      headers: {
        cookie: `mailroom_session=${owner.cookie}`,
        'x-csrf-token': owner.csrf,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('status=spam'));
          controller.close();
        },
      }),
      duplex: 'half',
    });
    expect(chunked.status).toBe(403);
    const [row] = await t.query<{ status: string }>('SELECT status FROM contact_submissions WHERE id = :id', {
      id: ids[0],
    });
    expect(row.status).not.toBe('spam');
  });

  it('refuses validated-looking input that would break a query, with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['?q=abc%00def', 'q'],
      ['?page=100000000000000000&per_page=100', 'page'],
      ['?page=10001', 'page'],
      ['?date_from=20240101', 'date_from'],
      ['?date_to=2024-W01-1', 'date_to'],
    ]) {
      const response = await owner.request(`/admin/api/contact${query}`);
      expect([query, response.status]).toEqual([query, 400]);
      expect(((await response.json()) as { fields: Record<string, string> }).fields).toHaveProperty(field);
    }
    const huge = await owner.request('/admin/api/contact/bulk-delete', { method: 'POST', body: { ids: [1e300] } });
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { fields: Record<string, string> }).fields).toHaveProperty('ids');
    const hugeId = await owner.request('/admin/api/contact/99999999999999999999');
    expect(hugeId.status).toBe(400);
  });

  it('deletes one (seed path too) and in bulk; viewers cannot', async () => {
    expect((await viewer.request(`/admin/api/contact/${ids[2]}`, { method: 'DELETE' })).status).toBe(403);
    expect((await owner.request(`/api/contact/${ids[2]}`, { method: 'DELETE' })).status).toBe(204);
    expect((await owner.request(`/admin/api/contact/${ids[2]}`)).status).toBe(404);
    const bulk = await owner.request('/admin/api/contact/bulk-delete', {
      method: 'POST',
      body: { ids: [ids[0], ids[1], 424242] },
    });
    expect(await bulk.json()).toEqual({ deleted: 2 });
    expect((await list(owner, '')).body.total).toBe(0);
    // The search index forgets deleted rows too (SQLite keeps it in step with triggers).
    expect((await list(owner, '?q=quote')).body.total).toBe(0);
    const actions = (await t.query<{ action: string }>('SELECT action FROM audit_log')).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['login', 'contact.delete', 'contact.bulk_delete', 'contact.export']),
    );
  });

  it('totals are exact up to 10,000 matches; beyond, each database gives its estimate and says so', async () => {
    await t.db.write(
      `INSERT INTO contact_submissions (name, email, message, created_at, updated_at)
       SELECT 'Bulk ' || n, 'bulk@example.com', 'bulk row', :now, :now
       FROM (${t.database.dialect === 'postgres' ? 'SELECT generate_series(1, 10050) AS n' : 'WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 10050) SELECT n FROM s'}) AS numbers`,
      { now: new Date() },
    );
    await t.db.write('ANALYZE');
    const small = await list(owner, '?q=Bulk%20999&per_page=5');
    expect(small.body).toMatchObject({ total: 11, total_exact: true });
    const big = await list(owner, '?per_page=5');
    expect(big.body.items).toHaveLength(5);
    expect(big.body).toMatchObject({ total_exact: false });
    expect(big.body.total).toBeGreaterThan(10_000);
    expect(big.body.total).toBeLessThan(10_053 * 1.1);
    if (t.database.dialect === 'sqlite') {
      // SQLite's sample under a filter matching most of the rows, not all: close, not exact.
      await t.db.write("UPDATE contact_submissions SET status = 'read' WHERE id % 3 <> 0");
      await t.db.write(
        `INSERT INTO contact_submissions (name, email, message, status, created_at, updated_at)
         SELECT name, email, message, status, created_at, updated_at FROM contact_submissions WHERE status = 'read'`,
      );
      const read = Number(
        (await t.query<{ n: number }>("SELECT COUNT(*) AS n FROM contact_submissions WHERE status = 'read'"))[0].n,
      );
      const estimated = await list(owner, '?status=read&per_page=5');
      expect(estimated.body.total_exact).toBe(false);
      expect(Math.abs(estimated.body.total - read) / read).toBeLessThan(0.1);
    }
  });
});
