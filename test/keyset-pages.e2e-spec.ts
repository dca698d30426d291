import type { TestApp } from './support/app';
import { startAdminApp, type AdminSession } from './support/admin';
import { testDialect } from './support/database';

interface ListPage {
  items: { id: number }[];
  total: number;
  page: number;
  per_page: number;
  next_cursor: string | null;
  prev_cursor: string | null;
}

/**
 * Keyset pages: following `next_cursor` from page 1 visits exactly the rows the numbered pages show, in the same
 * order, for every sort (ties on the sort value, NULLs, timestamps finer than a millisecond on PostgreSQL), and
 * `prev_cursor` walks back through the same pages. A cursor keeps its place when rows arrive at the top.
 */
describe('admin lists by cursor', () => {
  let t: TestApp;
  let owner: AdminSession;

  beforeAll(async () => {
    ({ t, owner } = await startAdminApp({ RATE_LIMIT_MAX: '0', OUTBOX_DISPATCHER: 'false' }));
    const base = Date.UTC(2026, 0, 1);
    // 23 submissions: names repeat (ties broken by id), two share a created_at to the millisecond.
    for (let i = 0; i < 23; i++) {
      await t.db.write(
        `INSERT INTO contact_submissions (name, email, message, status, person_hash, created_at, updated_at)
         VALUES (:name, :email, 'Hello', :status, 'h', :at, :at)`,
        {
          name: `Name ${i % 5}`,
          email: `p${i}@example.com`,
          status: ['new', 'read', 'archived', 'spam'][i % 4],
          at: new Date(base + (i === 7 ? 6 : i) * 60_000),
        },
      );
    }
    // 17 subscribers, every third without a name: NULLs must come out once, where the database sorts them.
    for (let i = 0; i < 17; i++) {
      await t.db.write(
        `INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at)
         VALUES (:email, :email, :name, 'confirmed', :at, :at)`,
        { email: `s${i}@example.org`, name: i % 3 === 0 ? null : `Reader ${i % 4}`, at: new Date(base + i * 1000) },
      );
    }
    if (testDialect() === 'postgres') {
      // Microseconds apart inside one millisecond: a cursor holding a JS Date would lose them and skip rows.
      for (let i = 0; i < 6; i++) {
        await t.db.write(
          `INSERT INTO contact_submissions (name, email, message, status, person_hash, created_at, updated_at)
           VALUES ('Micro', :email, 'Hello', 'new', 'h',
                   TIMESTAMPTZ '2026-02-01 00:00:00.123' + make_interval(secs => :micros / 1000000.0), now())`,
          { email: `micro${i}@example.com`, micros: (i * 137) % 900 },
        );
      }
    }
  });
  afterAll(() => t.close());

  const get = async (path: string) => {
    const response = await owner.request(path);
    expect(response.status).toBe(200);
    return (await response.json()) as ListPage;
  };
  const withParams = (path: string, params: string) => `${path}${path.includes('?') ? '&' : '?'}${params}`;

  /** Every page by number, then every page by cursor (forwards, then back from the last). */
  async function walk(path: string, perPage: number) {
    const numbered: number[][] = [];
    for (let page = 1; ; page++) {
      const body = await get(withParams(path, `per_page=${perPage}&page=${page}`));
      if (body.items.length === 0) break;
      numbered.push(body.items.map((row) => row.id));
    }
    const forwards: number[][] = [];
    const pageNumbers: number[] = [];
    let body = await get(withParams(path, `per_page=${perPage}`));
    expect(body.prev_cursor).toBeNull();
    for (;;) {
      forwards.push(body.items.map((row) => row.id));
      pageNumbers.push(body.page);
      if (body.next_cursor === null) break;
      body = await get(withParams(path, `per_page=${perPage}&cursor=${body.next_cursor}`));
    }
    const backwards: number[][] = [];
    while (body.prev_cursor !== null) {
      body = await get(withParams(path, `per_page=${perPage}&cursor=${body.prev_cursor}`));
      backwards.unshift(body.items.map((row) => row.id));
    }
    return { numbered, forwards, backwards, pageNumbers };
  }

  const expectSameWalk = async (path: string, perPage: number, rows: number) => {
    const { numbered, forwards, backwards, pageNumbers } = await walk(path, perPage);
    expect(numbered.flat()).toHaveLength(rows);
    expect(new Set(numbered.flat()).size).toBe(rows);
    expect(forwards).toEqual(numbered);
    expect(backwards).toEqual(numbered.slice(0, -1));
    expect(pageNumbers).toEqual(numbered.map((_, i) => i + 1));
  };

  const submissions = testDialect() === 'postgres' ? 29 : 23;

  it.each([
    ['newest first', ''],
    ['oldest first', '?sort_order=asc'],
    ['by name (ties on the name)', '?sort_by=name&sort_order=asc'],
    ['by name, descending', '?sort_by=name'],
    ['by status', '?sort_by=status&sort_order=asc'],
    ['by email', '?sort_by=email'],
    ['by id', '?sort_by=id&sort_order=asc'],
  ])('submissions %s: cursor pages are the numbered pages', async (_name, query) => {
    await expectSameWalk(`/admin/api/contact${query}`, 4, submissions);
  });

  it('submissions under a filter: the cursor keeps the filter', async () => {
    await expectSameWalk('/admin/api/contact?status=new', 2, testDialect() === 'postgres' ? 12 : 6);
  });

  it.each([
    ['by name, ascending (NULLs where the database puts them)', '?sort_by=name&sort_order=asc'],
    ['by name, descending', '?sort_by=name&sort_order=desc'],
    ['newest first', ''],
  ])('subscribers %s: cursor pages are the numbered pages', async (_name, query) => {
    await expectSameWalk(`/admin/api/newsletter${query}`, 3, 17);
  });

  it('audit entries page by cursor too', async () => {
    // The writes above were not audited; a few status changes are.
    const { items } = await get('/admin/api/contact?per_page=5');
    for (const row of items) {
      const response = await owner.request(`/admin/api/contact/${row.id}`, {
        method: 'PATCH',
        body: { status: 'read' },
      });
      expect(response.status).toBe(200);
    }
    const all = await get('/admin/api/audit?per_page=100');
    expect(all.total).toBeGreaterThanOrEqual(5);
    await expectSameWalk('/admin/api/audit', 2, all.total);
  });

  it('newsletters by send time (NULLs for drafts), their deliveries, and failed mails page by cursor too', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      const [row] = await t.db.write<{ id: number }>(
        `INSERT INTO newsletters (subject, body, status, send_at, created_at, updated_at)
         VALUES (:subject, 'Body', :status, :sendAt, :now, :now) RETURNING id`,
        {
          subject: `Issue ${i}`,
          status: i % 2 === 0 ? 'draft' : 'scheduled',
          sendAt: i % 2 === 0 ? null : new Date(Date.UTC(2027, 0, 1 + (i % 3))),
          now: new Date(),
        },
      );
      ids.push(row.id);
    }
    await expectSameWalk('/admin/api/newsletters?sort_by=send_at&sort_order=asc', 2, 7);
    await expectSameWalk('/admin/api/newsletters?sort_by=send_at&sort_order=desc', 3, 7);

    const subscribers = await t.query<{ id: number; email: string }>('SELECT id, email FROM subscribers');
    for (const subscriber of subscribers)
      await t.db.write(
        `INSERT INTO deliveries (newsletter_id, subscriber_id, email, status, available_at)
         VALUES (:newsletter, :subscriber, :email, 'pending', :now)`,
        { newsletter: ids[1], subscriber: subscriber.id, email: subscriber.email, now: new Date() },
      );
    await expectSameWalk(`/admin/api/newsletters/${ids[1]}/deliveries`, 5, subscribers.length);

    for (let i = 0; i < 9; i++)
      await t.db.write(
        `INSERT INTO outbox_jobs (kind, payload, status, attempts, available_at, last_error, created_at)
         VALUES ('contact.notification', :payload, 'failed', 5, :now, '550 no', :now)`,
        { payload: JSON.stringify({ to: [`o${i}@example.com`], subject: `Mail ${i}` }), now: new Date() },
      );
    await expectSameWalk('/admin/api/outbox', 4, 9);
  });

  it('holds its place when new rows arrive at the top, where the next page number shifts by one', async () => {
    const first = await get('/admin/api/contact?per_page=5');
    const secondByNumber = await get('/admin/api/contact?per_page=5&page=2');
    await t.db.write(
      `INSERT INTO contact_submissions (name, email, message, status, person_hash, created_at, updated_at)
       VALUES ('Late', 'late@example.com', 'Hello', 'new', 'h', :now, :now)`,
      { now: new Date(Date.UTC(2030, 0, 1)) },
    );
    const byCursor = await get(`/admin/api/contact?per_page=5&cursor=${first.next_cursor}`);
    expect(byCursor.items.map((row) => row.id)).toEqual(secondByNumber.items.map((row) => row.id));
    const shifted = await get('/admin/api/contact?per_page=5&page=2');
    expect(shifted.items[0].id).toBe(first.items[4].id);
    await t.db.write("DELETE FROM contact_submissions WHERE email = 'late@example.com'");
  });

  it('refuses a cursor it did not give out, or one from another sort, naming the field', async () => {
    const { next_cursor } = await get('/admin/api/contact?per_page=2');
    const forged = Buffer.from(JSON.stringify({ s: 'created_at.desc', v: "x' OR 1=1 --", i: 1, b: false, p: 2 }));
    for (const [query, reason] of [
      [`sort_by=name&cursor=${next_cursor}`, /another sort/],
      ['cursor=not-a-cursor', /not a cursor/],
      [`cursor=${'A'.repeat(600)}`, /not a cursor/],
      [`cursor=${Buffer.from('{"s":"created_at.desc"}').toString('base64url')}`, /not a cursor/],
      [`cursor=${forged.toString('base64url')}`, /not a cursor/],
    ] as const) {
      const response = await owner.request(`/admin/api/contact?${query}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { fields: Record<string, string> };
      expect(Object.keys(body.fields)).toEqual(['cursor']);
      expect(body.fields.cursor).toMatch(reason);
    }
  });
});
