import type { TestApp } from './support/app';
import { startAdminApp, type AdminSession } from './support/admin';
import { createNewsletter, getNewsletter, newsletterMail, waitForNewsletter } from './support/newsletters';
import { TestSmtpServer } from './support/smtp';

/** Six people: five confirmed with different fields, one unsubscribed (never in any audience). */
const PEOPLE = [
  { email: 'ada@example.org', meta: { plan: 'pro', beta: true, city: 'Bristol' }, source: 'landing', at: '2026-01-10' },
  { email: 'ben@example.org', meta: { plan: 'free', city: 'Bath' }, source: 'blog', at: '2026-06-10' },
  { email: 'cy@example.org', meta: { plan: 'pro', seats: 5 }, source: null, at: '2026-09-10' },
  { email: 'dee@example.org', meta: null, source: 'landing-page', at: '2026-03-10' },
  { email: 'eve@example.org', meta: { plan: 'PRO', beta: false }, source: 'Blog', at: '2026-04-10' },
  { email: 'fox@example.org', meta: { plan: 'pro' }, source: 'landing', at: '2026-02-10', status: 'unsubscribed' },
];

describe('admin API: audience filters', () => {
  let t: TestApp;
  let owner: AdminSession;
  const smtp = new TestSmtpServer();

  const count = async (audience: unknown) => {
    const response = await owner.request('/admin/api/newsletters/audience-count', {
      method: 'POST',
      body: { audience },
    });
    return {
      status: response.status,
      body: (await response.json()) as { count?: number; fields?: Record<string, string> },
    };
  };
  const who = async (audience: unknown) => {
    const { body } = await count(audience);
    return body.count;
  };
  const one = (condition: Record<string, unknown>) => ({ match: 'all', conditions: [condition] });

  beforeAll(async () => {
    await smtp.start();
    ({ t, owner } = await startAdminApp({ ...smtp.env(), RATE_LIMIT_MAX: '0' }));
    for (const person of PEOPLE)
      await t.db.write(
        `INSERT INTO subscribers (email, email_key, metadata, source, status, subscribed_at, created_at, updated_at)
         VALUES (:email, :email, :meta, :source, :status, :at, :at, :at)`,
        {
          email: person.email,
          meta: person.meta === null ? null : JSON.stringify(person.meta),
          source: person.source,
          status: person.status ?? 'confirmed',
          at: new Date(`${person.at}T12:00:00Z`),
        },
      );
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('counts who each condition reaches, on metadata fields, source and subscription date', async () => {
    expect(await who(null)).toBe(5);
    expect(await who(one({ field: 'metadata', key: 'plan', op: 'equals', value: 'pro' }))).toBe(2); // ada, cy
    expect(await who(one({ field: 'metadata', key: 'plan', op: 'not_equals', value: 'pro' }))).toBe(3); // ben, dee, eve
    expect(await who(one({ field: 'metadata', key: 'plan', op: 'contains', value: 'pr' }))).toBe(3); // ada, cy, eve
    expect(await who(one({ field: 'metadata', key: 'beta', op: 'exists' }))).toBe(2); // ada, eve
    // Booleans and numbers compare as their JSON text, the same on both databases.
    expect(await who(one({ field: 'metadata', key: 'beta', op: 'equals', value: 'true' }))).toBe(1);
    expect(await who(one({ field: 'metadata', key: 'seats', op: 'equals', value: '5' }))).toBe(1);
    expect(await who(one({ field: 'source', op: 'equals', value: 'landing' }))).toBe(1); // ada (fox unsubscribed)
    expect(await who(one({ field: 'source', op: 'contains', value: 'LANDING' }))).toBe(2); // ada, dee
    expect(await who(one({ field: 'source', op: 'not_equals', value: 'landing' }))).toBe(4);
    expect(await who(one({ field: 'subscribed', op: 'before', value: '2026-04-01T00:00:00Z' }))).toBe(2); // ada, dee
    expect(await who(one({ field: 'subscribed', op: 'after', value: '2026-04-01T00:00:00+02:00' }))).toBe(3);
    expect(
      await who({
        match: 'any',
        conditions: [
          { field: 'metadata', key: 'city', op: 'equals', value: 'Bath' },
          { field: 'source', op: 'equals', value: 'landing-page' },
        ],
      }),
    ).toBe(2); // ben, dee
    expect(
      await who({
        match: 'all',
        conditions: [
          { field: 'metadata', key: 'plan', op: 'equals', value: 'pro' },
          { field: 'subscribed', op: 'after', value: '2026-05-01T00:00:00Z' },
        ],
      }),
    ).toBe(1); // cy
  });

  it('binds what the filter says: a quote in a value matches nobody, and a key outside the allowed set is refused', async () => {
    expect(await who(one({ field: 'source', op: 'equals', value: "x' OR '1'='1" }))).toBe(0);
    expect(await who(one({ field: 'metadata', key: 'plan', op: 'contains', value: '%' }))).toBe(0);
    const quoted = await count(one({ field: 'metadata', key: 'plan") OR 1=1 --', op: 'exists' }));
    expect(quoted.status).toBe(400);
    expect(quoted.body.fields?.['audience.conditions.0.key']).toMatch(/letters, digits/);
  });

  it('names the failing part of a filter: field, operator, missing value, date, too many conditions', async () => {
    const cases: [unknown, string][] = [
      [one({ field: 'password', op: 'equals', value: 'x' }), 'audience.conditions.0.field'],
      [one({ field: 'source', op: 'starts_with', value: 'x' }), 'audience.conditions.0.op'],
      [one({ field: 'metadata', key: 'plan', op: 'equals' }), 'audience.conditions.0.value'],
      [one({ field: 'subscribed', op: 'before', value: 'yesterday' }), 'audience.conditions.0.value'],
      [one({ field: 'newsletter', op: 'received', newsletter_id: 'x' }), 'audience.conditions.0.newsletter_id'],
      [
        { match: 'all', conditions: Array.from({ length: 21 }, () => ({ field: 'metadata', key: 'a', op: 'exists' })) },
        'audience.conditions',
      ],
      [{ match: 'all', conditions: [], extra: 1 }, 'audience'],
    ];
    for (const [audience, path] of cases) {
      const { status, body } = await count(audience);
      expect({ path, status }).toEqual({ path, status: 400 });
      expect(Object.keys(body.fields ?? {})).toContain(path);
    }
    const draft = await owner.request('/admin/api/newsletters', {
      method: 'POST',
      body: { subject: 'Bad audience', body: 'x', audience: one({ field: 'source', op: 'equals' }) },
    });
    expect(draft.status).toBe(400);
    expect(Object.keys(((await draft.json()) as { fields: Record<string, string> }).fields)).toEqual([
      'audience.conditions.0.value',
    ]);
  });

  it('sends to exactly the people counted; refuses a send whose audience changed since it was confirmed', async () => {
    const audience = one({ field: 'metadata', key: 'plan', op: 'equals', value: 'pro' });
    const newsletter = await createNewsletter(owner, { subject: 'For pro plans', audience });
    expect(newsletter).toMatchObject({ audience: { match: 'all', conditions: [audience.conditions[0]] } });
    const counted = await who(audience);

    // Someone joins the audience between the count and the send: nothing starts, and the answer says why.
    await t.db.write(
      `INSERT INTO subscribers (email, email_key, metadata, status, created_at, updated_at)
       VALUES ('gus@example.org', 'gus@example.org', '{"plan":"pro"}', 'confirmed', :now, :now)`,
      { now: new Date() },
    );
    const refused = await owner.request(`/admin/api/newsletters/${newsletter.id}/send`, {
      method: 'POST',
      body: { expected_audience: counted },
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain(
      `now ${counted! + 1}, not the ${counted}`,
    );
    expect(await getNewsletter(owner, newsletter.id)).toMatchObject({ status: 'draft' });
    expect(await t.query('SELECT id FROM deliveries WHERE newsletter_id = :id', { id: newsletter.id })).toEqual([]);

    const recounted = await who(audience);
    const sent = await owner.request(`/admin/api/newsletters/${newsletter.id}/send`, {
      method: 'POST',
      body: { expected_audience: recounted },
    });
    expect(sent.status).toBe(202);
    expect(await waitForNewsletter(owner, newsletter.id, 'sent')).toMatchObject({ audience_count: recounted });
    const recipients = newsletterMail(smtp.received, newsletter.id).flatMap((mail) => mail.envelope.to);
    expect(recipients.sort()).toEqual(['ada@example.org', 'cy@example.org', 'gus@example.org']);

    // Who received it, and who did not, is a condition for the next one.
    expect(await who(one({ field: 'newsletter', op: 'received', newsletter_id: newsletter.id }))).toBe(3);
    expect(await who(one({ field: 'newsletter', op: 'not_received', newsletter_id: newsletter.id }))).toBe(3);
  }, 60_000);

  it('a duplicate keeps the audience; an edit can widen it back to everyone', async () => {
    const audience = one({ field: 'source', op: 'equals', value: 'blog' });
    const original = await createNewsletter(owner, { subject: 'Bloggers', audience });
    const copy = (await (
      await owner.request(`/admin/api/newsletters/${original.id}/duplicate`, { method: 'POST' })
    ).json()) as { id: number; audience: unknown };
    expect(copy.audience).toEqual({ match: 'all', conditions: audience.conditions });
    const widened = await owner.request(`/admin/api/newsletters/${copy.id}`, {
      method: 'PATCH',
      body: { audience: null },
    });
    expect(((await widened.json()) as { audience: unknown }).audience).toBeNull();
  });
});
