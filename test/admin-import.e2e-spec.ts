import type { TestApp } from './support/app';
import { startAdminApp, type AdminSession } from './support/admin';

interface ImportReport {
  dry_run: boolean;
  summary: Record<string, number>;
  rows: { row: number; email: string; action: string; reason?: string }[];
  errors: { row: number; field: string; message: string }[];
}

describe('admin API: subscriber CSV import', () => {
  let t: TestApp;
  let owner: AdminSession;
  let viewer: AdminSession;

  beforeAll(async () => {
    ({ t, owner, viewer } = await startAdminApp({ RATE_LIMIT_MAX: '0', DOUBLE_OPT_IN: 'true' }));
    const now = new Date();
    for (const [email, name, status] of [
      ['kept@example.com', 'Kept Same', 'confirmed'],
      ['renamed@example.com', 'Old Name', 'confirmed'],
      ['left@example.com', 'Left Us', 'unsubscribed'],
    ]) {
      await t.db.write(
        `INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at)
         VALUES (:email, :email, :name, :status, :now, :now)`,
        { email, name, status, now },
      );
    }
    const { createHash } = await import('node:crypto');
    await t.db.write(`INSERT INTO suppressions (email_hash, reason, created_at) VALUES (:hash, 'bounce', :now)`, {
      hash: createHash('sha256').update('bounced@example.com').digest('hex'),
      now,
    });
  });
  afterAll(() => t.close());

  const CSV = [
    'Email,Name,Company',
    'new@example.com,New Person,Acme',
    'kept@example.com,Kept Same,',
    'renamed@example.com,New Name,',
    'left@example.com,Left Us,',
    'bounced@example.com,Bounced,',
    'not-an-address,Broken,',
    'new@example.com,Twice,',
  ].join('\n');

  const importCsv = async (session: AdminSession, body: Record<string, unknown>) => {
    const response = await session.request('/admin/api/newsletter/import', { method: 'POST', body });
    return {
      status: response.status,
      body: (await response.json()) as ImportReport & { fields?: Record<string, string> },
    };
  };
  const count = async (sql: string) => Number((await t.query<{ n: number }>(sql))[0].n);
  const statusOf = async (email: string) =>
    (
      await t.query<{ status: string; name: string }>('SELECT status, name FROM subscribers WHERE email = :email', {
        email,
      })
    )[0];

  it('a dry run (the default) reports every row and per-row errors, and changes nothing', async () => {
    const before = await t.query('SELECT * FROM subscribers ORDER BY id');
    const { status, body } = await importCsv(owner, { csv: CSV });
    expect(status).toBe(200);
    expect(body.dry_run).toBe(true);
    expect(body.summary).toEqual({
      create: 1,
      update: 1,
      unchanged: 1,
      resubscribe: 0,
      skip: 2,
      invalid: 2,
      confirmations: 1,
    });
    expect(body.rows).toEqual([
      { row: 2, email: 'new@example.com', action: 'create' },
      { row: 4, email: 'renamed@example.com', action: 'update' },
      { row: 5, email: 'left@example.com', action: 'skip', reason: expect.stringMatching(/unsubscribed/) },
      { row: 6, email: 'bounced@example.com', action: 'skip', reason: expect.stringMatching(/suppressed/) },
    ]);
    expect(body.errors).toEqual([
      { row: 7, field: 'email', message: 'must be a single email address' },
      { row: 8, field: 'email', message: 'appears more than once in the file' },
    ]);
    expect(await t.query('SELECT * FROM subscribers ORDER BY id')).toEqual(before);
    expect(await count("SELECT COUNT(*) AS n FROM outbox_jobs WHERE kind = 'newsletter.confirm'")).toBe(0);
  });

  it('applies the upsert: new people pending with a confirmation email, unsubscribed people left alone', async () => {
    const { status, body } = await importCsv(owner, { csv: CSV, dry_run: false });
    expect(status).toBe(200);
    expect(body.summary).toMatchObject({ create: 1, update: 1, skip: 2, confirmations: 1 });
    expect(await statusOf('new@example.com')).toEqual({ status: 'pending', name: 'New Person' });
    expect(await statusOf('renamed@example.com')).toEqual({ status: 'confirmed', name: 'New Name' });
    expect(await statusOf('left@example.com')).toMatchObject({ status: 'unsubscribed' });
    expect(await count("SELECT COUNT(*) AS n FROM subscribers WHERE email = 'bounced@example.com'")).toBe(0);
    const [newcomer] = await t.query<{ metadata: string; source: string }>(
      "SELECT metadata, source FROM subscribers WHERE email = 'new@example.com'",
    );
    expect(JSON.parse(newcomer.metadata)).toEqual({ company: 'Acme' });
    expect(newcomer.source).toBe('import');
    expect(await count("SELECT COUNT(*) AS n FROM outbox_jobs WHERE kind = 'newsletter.confirm'")).toBe(1);
    const [entry] = await t.query<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'subscriber.import' ORDER BY id DESC",
    );
    expect(JSON.parse(entry.details)).toMatchObject({ create: 1, update: 1 });
  });

  it('re-subscribes someone who left only when the admin says so, through a fresh confirmation', async () => {
    const csv = 'email\nleft@example.com\n';
    expect((await importCsv(owner, { csv, dry_run: false })).body.summary.skip).toBe(1);
    expect(await statusOf('left@example.com')).toMatchObject({ status: 'unsubscribed' });
    const { body } = await importCsv(owner, { csv, dry_run: false, resubscribe: true });
    expect(body.summary).toMatchObject({ resubscribe: 1, confirmations: 1 });
    expect(await statusOf('left@example.com')).toMatchObject({ status: 'pending' });
  });

  it('without double opt-in, imported people are confirmed at once', async () => {
    expect(
      (await owner.request('/admin/api/settings/DOUBLE_OPT_IN', { method: 'PUT', body: { value: false } })).status,
    ).toBe(200);
    try {
      await importCsv(owner, { csv: 'email,name\ndirect@example.com,Direct\n', dry_run: false });
      expect(await statusOf('direct@example.com')).toEqual({ status: 'confirmed', name: 'Direct' });
    } finally {
      await owner.request('/admin/api/settings/DOUBLE_OPT_IN', { method: 'DELETE' });
    }
  });

  it('takes files larger than the usual body limit', async () => {
    const lines = ['email,name'];
    for (let i = 0; i < 3000; i++) lines.push(`bulk${i}@example.net,Bulk Importee Number ${i}`);
    const csv = lines.join('\n');
    expect(csv.length).toBeGreaterThan(64 * 1024);
    const { status, body } = await importCsv(owner, { csv });
    expect(status).toBe(200);
    expect(body.summary.create).toBe(3000);
    expect(body.rows).toHaveLength(1000);
  });

  it('refuses CSV without an email column, viewers, and requests without the CSRF header', async () => {
    const bad = await importCsv(owner, { csv: 'name\nNobody\n' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ csv: expect.stringMatching(/email/) });
    expect((await importCsv(owner, { csv: 'email\na@example.com', dry_run: 'yes' })).body.fields).toHaveProperty(
      'dry_run',
    );
    expect((await importCsv(viewer, { csv: 'email\na@example.com' })).status).toBe(403);
    const noCsrf = await owner.request('/admin/api/newsletter/import', {
      method: 'POST',
      body: { csv: 'email\na@example.com' },
      csrf: false,
    });
    expect(noCsrf.status).toBe(403);
  });
});
