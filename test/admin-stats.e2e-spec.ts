import { newContact, postJson, startApp, type TestApp } from './support/app';
import { OWNER_PASSWORD, signIn, type AdminSession } from './support/admin';
import { waitFor } from './support/wait';

interface Stats {
  range: { from: string; to: string };
  totals: { submissions: number; subscribers: Record<string, number>; emails: Record<string, number> };
  daily: {
    date: string;
    submissions: number;
    new_subscribers: number;
    unsubscribes: number;
    emails_sent: number;
    emails_failed: number;
  }[];
}

describe('admin API: dashboard stats', () => {
  let t: TestApp;
  let owner: AdminSession;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startApp({
      ADMIN_USERNAME: 'owner',
      ADMIN_PASSWORD: OWNER_PASSWORD,
      RATE_LIMIT_MAX: '0',
      DOUBLE_OPT_IN: 'false',
    });
    owner = await signIn(t, 'owner');
    for (let i = 0; i < 3; i++) await postJson(t.url, '/api/contact', newContact());
    for (const email of ['a@example.com', 'b@example.com']) await postJson(t.url, '/api/newsletter', { email });
    await t.db.execute(
      "UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = :now WHERE email = 'b@example.com'",
      {
        now: t.db.timestamp(new Date()),
      },
    );
    // No SMTP_HOST: the notifications end up skipped; wait so the totals are settled.
    await waitFor(
      async () => (await t.query("SELECT id FROM outbox_jobs WHERE status = 'pending'")).length === 0,
      10_000,
      'outbox drained',
    );
  });
  afterAll(() => t.close());

  it('gives totals and one point per day, today included, zeros elsewhere', async () => {
    const response = await owner.request('/admin/api/stats');
    expect(response.status).toBe(200);
    const stats = (await response.json()) as Stats;
    expect(stats.range.to).toBe(today);
    expect(stats.daily).toHaveLength(30);
    expect(stats.totals).toEqual({
      submissions: 3,
      subscribers: { pending: 0, confirmed: 1, unsubscribed: 1 },
      emails: { pending: 0, sent: 0, failed: 0, skipped: 3 },
    });
    expect(stats.daily.at(-1)).toEqual({
      date: today,
      submissions: 3,
      new_subscribers: 2,
      unsubscribes: 1,
      emails_sent: 0,
      emails_failed: 0,
    });
    expect(stats.daily.slice(0, -1).every((d) => d.submissions === 0)).toBe(true);
  });

  it('takes a chosen range and refuses a bad one', async () => {
    const week = (await (await owner.request('/admin/api/stats?from=2026-01-01&to=2026-01-07')).json()) as Stats;
    expect(week.daily.map((d) => d.date)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
    ]);
    expect((await owner.request('/admin/api/stats?from=2026-02-01&to=2026-01-01')).status).toBe(400);
    expect((await owner.request('/admin/api/stats?from=2020-01-01&to=2026-01-01')).status).toBe(400);
    expect((await owner.request('/admin/api/stats?from=last-week')).status).toBe(400);
  });
});
