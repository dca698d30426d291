import { CONTACT_SUBMISSIONS } from '@mailroom/contact';
import { SearchIndexer, SqlFilter } from '@mailroom/platform';
import { newContact, postJson, type TestApp } from './support/app';
import { startAdminApp, type AdminSession } from './support/admin';
import { testDialect } from './support/database';

interface Page {
  items: { id: number; name: string }[];
  total: number;
}

/**
 * On SQLite the search index is filled in the background, not inside the insert: a submission must still be found
 * the moment it is stored (the tail above the indexer's mark is scanned), and after indexing, after edits and after
 * erasure the index must agree with the table exactly (FTS5's own integrity check against its content table).
 */
describe('search while the index is filled in the background', () => {
  let t: TestApp;
  let owner: AdminSession;

  beforeAll(async () => {
    // OUTBOX_DISPATCHER off: the indexer loop does not run, so the test decides when rows get indexed.
    ({ t, owner } = await startAdminApp({ RATE_LIMIT_MAX: '0', OUTBOX_DISPATCHER: 'false' }));
  });
  afterAll(() => t.close());

  const submit = async (name: string, message: string) =>
    ((await (await postJson(t.url, '/api/contact', newContact({ name, message }))).json()) as { id: number }).id;
  const search = async (q: string) => {
    const page = (await (await owner.request(`/admin/api/contact?q=${encodeURIComponent(q)}`)).json()) as Page;
    return page.items.map((row) => row.name).sort();
  };
  const exported = async (q: string) =>
    (await (await owner.request(`/admin/api/contact/export.csv?q=${encodeURIComponent(q)}`)).text())
      .split('\n')
      .filter((line) => line.includes('Keeper'))
      .map((line) => line.split(',')[3]); // id, created_at, status, name, …
  const mark = async () =>
    Number(
      (
        await t.query<{ indexed_up_to: number }>(
          "SELECT indexed_up_to FROM search_index_state WHERE index_name = 'contact_search'",
        )
      )[0].indexed_up_to,
    );
  const indexAgreesWithTable = () =>
    t.db.write("INSERT INTO contact_search (contact_search, rank) VALUES ('integrity-check', 1)");

  const onSqlite = testDialect() === 'sqlite' ? it : it.skip;

  it('finds a submission the moment it is stored, before and after indexing, by list and by export', async () => {
    await submit('Lighthouse Keeper', 'The lamp needs a new wick');
    expect(await search('house kee')).toEqual(['Lighthouse Keeper']);
    expect(await exported('new wick')).toEqual(['Lighthouse Keeper']);
    await t.app.get(SearchIndexer).catchUp();
    await submit('Harbour Keeper', 'Another wick, please');
    // One row indexed, one in the tail: both found, neither twice.
    expect(await search('wick')).toEqual(['Harbour Keeper', 'Lighthouse Keeper']);
    expect((await exported('wick')).sort()).toEqual(['Harbour Keeper', 'Lighthouse Keeper']);
  });

  onSqlite('indexes in batches outside the request, and keeps the index exact through edits and erasure', async () => {
    const before = await mark();
    const fresh = await submit('Ferry Keeper', 'Timetable question');
    expect(await mark()).toBe(before); // the request did not index
    await t.app.get(SearchIndexer).catchUp();
    expect(await mark()).toBeGreaterThanOrEqual(fresh);
    await indexAgreesWithTable();

    // An indexed row edited and one not yet indexed edited: the trigger handles the first, the indexer the second.
    const tail = await submit('Pier Keeper', 'Bollard report');
    await t.db.write("UPDATE contact_submissions SET message = 'Gangway report' WHERE id IN (:fresh, :tail)", {
      fresh,
      tail,
    });
    expect(await search('Timetable')).toEqual([]);
    expect(await search('Gangway')).toEqual(['Ferry Keeper', 'Pier Keeper']);
    await t.app.get(SearchIndexer).catchUp();
    expect(await search('Gangway')).toEqual(['Ferry Keeper', 'Pier Keeper']);
    await indexAgreesWithTable();

    // Deleting rows on both sides of the mark leaves the index exact too.
    const unindexed = await submit('Dock Keeper', 'Crane');
    await t.db.write('DELETE FROM contact_submissions WHERE id IN (:fresh, :unindexed)', { fresh, unindexed });
    await indexAgreesWithTable();
    await t.app.get(SearchIndexer).catchUp();
    await indexAgreesWithTable();
    expect(await search('Keeper')).toEqual(['Harbour Keeper', 'Lighthouse Keeper', 'Pier Keeper']);
  });

  onSqlite('takes no write lock when there is nothing to index', async () => {
    const indexer = t.app.get(SearchIndexer);
    await indexer.catchUp();
    // Another process holds the write lock: an idle round must neither wait for it nor fail on it.
    const { default: Database } = await import('better-sqlite3');
    const other = new Database(t.database.url);
    try {
      other.exec('BEGIN IMMEDIATE');
      const started = Date.now();
      await expect(indexer.tick()).resolves.toBe(0);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  onSqlite(
    'never scans the table in sort order to test index membership (it did, 0.7 s at a million rows)',
    async () => {
      const filter = await new SqlFilter(t.db)
        .search(['name', 'company', 'message'], 'Keeper', CONTACT_SUBMISSIONS)
        .resolve();
      const plan = await t.query<{ detail: string }>(
        `EXPLAIN QUERY PLAN SELECT id FROM contact_submissions ${filter.where} ORDER BY created_at DESC, id DESC LIMIT 26`,
        filter.params,
      );
      const steps = plan.map((step) => step.detail);
      expect(steps.filter((step) => /^SCAN contact_submissions/.test(step))).toEqual([]);
    },
  );

  onSqlite('narrow and common texts alike: exactly the rows a LIKE finds, on the index and in the tail', async () => {
    // 10,050 indexed rows sharing common words, a few rare ones among them, then more in the tail.
    await t.db.write(
      `INSERT INTO contact_submissions (name, email, message, status, person_hash, created_at, updated_at)
       WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 10050)
       SELECT 'Crowd ' || n, 'crowd@example.com', 'About widgets, number ' || n || CASE WHEN n % 1000 = 7 THEN ' zephyr' ELSE '' END,
              'new', 'h', :now, :now FROM s`,
      { now: new Date() },
    );
    await t.app.get(SearchIndexer).catchUp();
    await submit('Tail Crowd', 'About widgets and a zephyr, not indexed yet');
    const truth = async (text: string) =>
      Number(
        (
          await t.query<{ n: number }>(
            `SELECT COUNT(*) AS n FROM contact_submissions
             WHERE lower(name) LIKE :p OR lower(company) LIKE :p OR lower(message) LIKE :p`,
            { p: `%${text.toLowerCase()}%` },
          )
        )[0].n,
      );
    const page = async (text: string) =>
      (await (await owner.request(`/admin/api/contact?per_page=100&q=${encodeURIComponent(text)}`)).json()) as Page & {
        total_exact: boolean;
      };

    const rare = await page('ZEPHYR');
    expect(rare).toMatchObject({ total: await truth('zephyr'), total_exact: true });
    expect(rare.items.map((row) => row.name)).toContain('Tail Crowd');
    expect((await page('number 5007 zep')).items.map((row) => row.name)).toEqual(['Crowd 5007']);
    expect((await page('qqqzzz')).total).toBe(0);

    // Common: every crowd row has it; a page still comes back, and the total is an estimate that says so.
    const common = await page('widgets');
    expect(common.items).toHaveLength(100);
    expect(common.total_exact).toBe(false);
    expect(Math.abs(common.total - (await truth('widgets'))) / (await truth('widgets'))).toBeLessThan(0.15);
    const exported = (await (await owner.request('/admin/api/contact/export.csv?q=widgets')).text()).trim().split('\n');
    expect(exported.length - 1).toBe(await truth('widgets'));
  });
});
