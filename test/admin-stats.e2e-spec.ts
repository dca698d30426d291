import { newContact, postJson, startApp, type TestApp } from './support/app';
import { OWNER_PASSWORD, signIn, type AdminSession } from './support/admin';
import { requestsDone } from './support/subscriptions';
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
    await requestsDone(t);
    await t.db.write(
      "UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = :now WHERE email = 'b@example.com'",
      {
        now: new Date(),
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

  it('keeps finished days in stats_daily, computed once, while yesterday and today stay live', async () => {
    // Outside the default 30 days, which earlier calls have already counted and kept.
    const fortyDaysAgo = new Date(Date.now() - 40 * 86_400_000);
    const day = fortyDaysAgo.toISOString().slice(0, 10);
    const backdate = (n: number) =>
      t.db.write(
        `INSERT INTO contact_submissions (name, email, message, created_at, updated_at)
         VALUES ('Old ' || :n, 'old@example.com', 'from the past', :at, :at)`,
        { n: String(n), at: fortyDaysAgo },
      );
    await backdate(1);
    await backdate(2);
    const pointFor = async () =>
      ((await (await owner.request(`/admin/api/stats?from=${day}`)).json()) as Stats).daily.find(
        (d) => d.date === day,
      )!;
    expect((await pointFor()).submissions).toBe(2);
    expect(await t.query("SELECT n FROM stats_daily WHERE day = :day AND metric = 'submissions'", { day })).toEqual([
      { n: 2 },
    ]);
    // A row arriving with a finished day's date (a restore, say) does not rewrite the kept count.
    await backdate(3);
    expect((await pointFor()).submissions).toBe(2);
    // Today is always counted live.
    await postJson(t.url, '/api/contact', newContact());
    const todayPoint = ((await (await owner.request('/admin/api/stats')).json()) as Stats).daily.at(-1)!;
    expect(todayPoint.submissions).toBe(4);
  });
});
