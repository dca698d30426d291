import { postJson, type TestApp } from './support/app';
import { startAdminApp, type AdminSession } from './support/admin';
import { createNewsletter, waitForNewsletter } from './support/newsletters';
import { TestSmtpServer } from './support/smtp';
import { linkToken, requestsDone, sendNewsletterCall as send, subscriptionDriver } from './support/subscriptions';

/** Every text column of every table (SQLite's full-text index tables included), as SQL to read them as text. */
async function textColumns(t: TestApp): Promise<{ table: string; column: string }[]> {
  if (t.database.dialect === 'postgres') {
    return t.query<{ table: string; column: string }>(
      `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json')`,
    );
  }
  const tables = await t.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'");
  const columns: { table: string; column: string }[] = [];
  for (const { name } of tables) {
    for (const column of await t.query<{ name: string }>(`SELECT name FROM pragma_table_info('${name}')`))
      columns.push({ table: name, column: column.name });
  }
  return columns;
}

describe('erase me', () => {
  let t: TestApp;
  let owner: AdminSession;
  const smtp = new TestSmtpServer();
  const { lastMailTo, manageToken, subscribed } = subscriptionDriver(
    () => t,
    () => smtp,
  );

  beforeAll(async () => {
    await smtp.start();
    ({ t, owner } = await startAdminApp({ ...smtp.env(), RATE_LIMIT_MAX: '0' }));
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('leaves the address in no column of any table, whatever the person did and others did with it', async () => {
    const email = 'Erin.Erased@Example.com';
    const needle = 'erin.erased@example.com';
    await subscribed(email, { name: 'Erin', metadata: { city: 'Bristol' }, source: 'footer' });
    // A contact message, an admin's test send to the address, a sign-in attempt with it as the username.
    expect(
      (await postJson(t.url, '/api/contact', { name: 'Erin', email: needle, message: 'Hello there' })).status,
    ).toBe(201);
    const draft = await createNewsletter(owner, { subject: 'Erasure issue' });
    expect(
      (await owner.request(`/admin/api/newsletters/${draft.id}/test`, { method: 'POST', body: { emails: [email] } }))
        .status,
    ).toBe(202);
    await postJson(t.url, '/auth/login', { username: email, password: 'not the password' });
    // A newsletter sent to everyone, the person included.
    await owner.request(`/admin/api/newsletters/${draft.id}/send`, { method: 'POST', body: {} });
    await waitForNewsletter(owner, draft.id, 'sent');
    // Someone else asks to move their subscription onto this address (a pending change naming it).
    await subscribed('other@example.com');
    await send(t, 'PUT', { old_email: 'other@example.com', new_email: email });
    await lastMailTo('other@example.com', 2);
    await requestsDone(t);

    const token = await manageToken(email);
    const exported = await postJson(t.url, '/api/newsletter/manage', { action: 'export', token });
    expect(exported.status).toBe(200);
    const erased = await postJson(t.url, '/api/newsletter/manage', { action: 'erase', token });
    expect(erased.status).toBe(200);

    const found: string[] = [];
    for (const { table, column } of await textColumns(t)) {
      const [row] = await t.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM "${table}" WHERE lower(CAST("${column}" AS text)) LIKE :needle`,
        { needle: `%${needle}%` },
      );
      if (Number(row.n) > 0) found.push(`${table}.${column}`);
    }
    expect(found).toEqual([]);
    // What stays is anonymous: the delivery row (so the newsletter's counts add up) and a hash on the suppression list.
    const deliveries = await t.query<{ email: string }>(
      'SELECT email FROM deliveries WHERE newsletter_id = :id AND email = :erased',
      { id: draft.id, erased: '(erased)' },
    );
    expect(deliveries).toHaveLength(1);
    expect(await t.query("SELECT reason FROM suppressions WHERE reason = 'erased'")).toHaveLength(1);
    // The other subscriber's pending move onto the erased address is gone with it.
    const approval = (await lastMailTo('other@example.com', 2)).parsed;
    const approve = await postJson(t.url, '/api/newsletter/confirm', {
      token: linkToken({ parsed: approval } as never, 'confirm\\?token='),
    });
    expect(approve.status).toBe(400);
  });
});
