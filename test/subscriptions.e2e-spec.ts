import { addressHash } from '@mailroom/platform';
import { postJson, startApp, type TestApp } from './support/app';
import { TestSmtpServer, rawHeader } from './support/smtp';
import {
  budgetsElapse,
  linkToken,
  requestsDone,
  sendNewsletterCall as send,
  subscriptionDriver,
} from './support/subscriptions';

/** Status and body without the request id, which differs on every answer. */
const answer = async (response: Response) => {
  const body = (await response.json()) as Record<string, unknown>;
  delete body.request_id;
  return { status: response.status, body };
};

describe('newsletter subscriptions', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let n = 0;
  const address = () => `reader${++n}@example.com`;
  const { mailsTo, waitForMail, lastMailTo, statusOf, subscribed, manageToken, quietFor } = subscriptionDriver(
    () => t,
    () => smtp,
  );

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await startApp({
      ...smtp.env(),
      RATE_LIMIT_MAX: '0',
      TRUST_PROXY: '1',
      LIST_UNSUBSCRIBE_MAILTO: 'unsubscribe@example.org',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('runs the whole lifecycle: subscribe → email → confirm → one-click unsubscribe', async () => {
    const email = address();
    const response = await send(t, 'POST', { email, name: 'Ada', metadata: { plan: 'pro' }, source: 'footer' });
    expect(response.status).toBe(202);
    const [mail] = await waitForMail(email);
    expect(await statusOf(email)).toBe('pending');
    expect(mail.parsed.subject).toContain('Confirm your subscription');
    expect(mail.parsed.html).toBeTruthy();
    const listUnsubscribe = rawHeader(mail, 'List-Unsubscribe')!;
    expect(listUnsubscribe).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/api\/newsletter\/unsubscribe\/s\d+\.[A-Za-z0-9_-]{43}>, <mailto:unsubscribe@example\.org\?subject=unsubscribe>$/,
    );
    expect(rawHeader(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(mail, 'List-Id')).toMatch(/^".+ newsletter" <newsletter\.127\.0\.0\.1>$/);
    const confirmToken = linkToken(mail, 'confirm\\?token=');

    // A mail scanner following the link changes nothing.
    const page = await fetch(`${t.url}/api/newsletter/confirm?token=${confirmToken}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post" action="/api/newsletter/confirm">');
    expect(await statusOf(email)).toBe('pending');

    const confirmed = await fetch(`${t.url}/api/newsletter/confirm`, {
      method: 'POST',
      headers: { accept: 'text/html' },
      body: new URLSearchParams({ token: confirmToken }),
    });
    expect(confirmed.status).toBe(200);
    expect(await statusOf(email)).toBe('confirmed');
    // Confirming twice is harmless.
    expect((await postJson(t.url, '/api/newsletter/confirm', { token: confirmToken })).status).toBe(200);

    // PUBLIC_URL is derived from PORT=0 in tests; keep the path, use the real port.
    const unsubscribeUrl = t.url + new URL(/<(http[^>]+)>/.exec(listUnsubscribe)![1]).pathname;
    const form = new FormData();
    form.append('List-Unsubscribe', 'One-Click');
    const oneClick = await fetch(unsubscribeUrl, { method: 'POST', body: form, redirect: 'manual' });
    expect(oneClick.status).toBe(200);
    expect(await statusOf(email)).toBe('unsubscribed');
    // Idempotent, form-encoded this time.
    const again = await fetch(unsubscribeUrl, {
      method: 'POST',
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
    });
    expect(again.status).toBe(200);

    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    for (const event of ['subscribe_requested', 'confirmed', 'unsubscribed']) {
      expect(metrics).toMatch(new RegExp(`mailroom_newsletter_events_total\\{event="${event}"\\} [1-9]`));
    }
    const [row] = await t.query<Record<string, unknown>>('SELECT * FROM subscribers WHERE email = :email', { email });
    expect(row).toMatchObject({
      name: 'Ada',
      source: 'footer',
      subscribe_ip: '127.0.0.1',
      unsubscribe_reason: 'one-click',
    });
    expect(row.confirmed_at).toBeTruthy();
  });

  it('answers identically for new, pending, confirmed and unsubscribed addresses (subscribe, DELETE, PUT)', async () => {
    const pending = address();
    await send(t, 'POST', { email: pending });
    const confirmed = address();
    await subscribed(confirmed);
    const unknown = address();

    const subscribes = await Promise.all(
      [address(), pending, confirmed].map(async (email) => answer(await send(t, 'POST', { email }))),
    );
    expect(new Set(subscribes.map((a) => JSON.stringify(a))).size).toBe(1);
    const deletes = await Promise.all(
      [unknown, pending, confirmed].map(async (email) => answer(await send(t, 'DELETE', { email }))),
    );
    expect(new Set(deletes.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(deletes[0].status).toBe(202);
    const puts = await Promise.all(
      [unknown, confirmed].map(async (email) =>
        answer(await send(t, 'PUT', { old_email: email, new_email: address() })),
      ),
    );
    expect(new Set(puts.map((a) => JSON.stringify(a))).size).toBe(1);
    await requestsDone(t);
    expect(await statusOf(unknown)).toBeUndefined();
  });

  it('DELETE {email} mails a link instead of unsubscribing; its token unsubscribes at once', async () => {
    const email = address();
    await subscribed(email);
    const before = mailsTo(email).length;
    expect((await send(t, 'DELETE', { email })).status).toBe(202);
    const mail = await lastMailTo(email, before + 1);
    expect(await statusOf(email)).toBe('confirmed');
    const token = linkToken(mail, 'unsubscribe/');
    const response = await send(t, 'DELETE', { token });
    expect(response.status).toBe(200);
    expect(await statusOf(email)).toBe('unsubscribed');
  });

  it('PUT never mails the new address: the old one approves, then the new one confirms, then it moves', async () => {
    const victim = address();
    const eve = address();
    await subscribed(victim, { name: 'Victoria', metadata: { phone: '+44 20 7946 0000' } });
    const before = mailsTo(victim).length;
    expect((await send(t, 'PUT', { old_email: victim, new_email: eve })).status).toBe(202);
    const approval = await lastMailTo(victim, before + 1);
    expect(approval.parsed.subject).toContain('Approve moving');
    expect(approval.parsed.text).toContain(eve);
    // The address a stranger names hears nothing, and nothing has moved.
    expect(await quietFor([eve])).toEqual([0]);
    expect(await statusOf(victim)).toBe('confirmed');

    // The approval page asks before acting; approving mails the new address, which must confirm too.
    const approveToken = linkToken(approval, 'confirm\\?token=');
    expect(await (await fetch(`${t.url}/api/newsletter/confirm?token=${approveToken}`)).text()).toContain('Approve');
    const approved = await postJson(t.url, '/api/newsletter/confirm', { token: approveToken });
    expect(await approved.json()).toMatchObject({ status: 'change_approved', email: eve });
    expect(await statusOf(victim)).toBe('confirmed');
    const [confirmMail] = await waitForMail(eve);
    expect(confirmMail.parsed.subject).toContain('Confirm your new address');
    const token = linkToken(confirmMail, 'confirm\\?token=');
    expect((await postJson(t.url, '/api/newsletter/confirm', { token })).status).toBe(200);
    expect(await statusOf(victim)).toBeUndefined();
    expect(await statusOf(eve)).toBe('confirmed');
    // Each step is single-use: replaying one is just an invalid link.
    expect((await postJson(t.url, '/api/newsletter/confirm', { token })).status).toBe(400);
    expect((await postJson(t.url, '/api/newsletter/confirm', { token: approveToken })).status).toBe(400);
  });

  it('the side effects of a PUT are the same for a known and an unknown old address, seen from the new one', async () => {
    const known = address();
    await subscribed(known);
    const [eveKnown, eveUnknown, unknown] = [address(), address(), address()];
    await send(t, 'PUT', { old_email: known, new_email: eveKnown });
    await send(t, 'PUT', { old_email: unknown, new_email: eveUnknown });
    expect(await quietFor([eveKnown, eveUnknown, unknown])).toEqual([0, 0, 0]);
  });

  it('with a manage link (the old address proven) only the new address confirms', async () => {
    const oldEmail = address();
    const newEmail = address();
    await subscribed(oldEmail);
    const token = await manageToken(oldEmail);
    const before = mailsTo(oldEmail).length;
    const saved = await postJson(t.url, '/api/newsletter/manage', { action: 'update', token, new_email: newEmail });
    expect(saved.status).toBe(200);
    const [mail] = await waitForMail(newEmail);
    expect(mail.parsed.subject).toContain('Confirm your new address');
    expect(await quietFor([oldEmail])).toEqual([before]);
    expect(
      (await postJson(t.url, '/api/newsletter/confirm', { token: linkToken(mail, 'confirm\\?token=') })).status,
    ).toBe(200);
    expect(await statusOf(newEmail)).toBe('confirmed');
    expect(await statusOf(oldEmail)).toBeUndefined();
  });

  it('a real person can subscribe, confirm and move address within ten minutes', async () => {
    const oldEmail = address();
    const newEmail = address();
    await send(t, 'POST', { email: oldEmail });
    const confirmation = await lastMailTo(oldEmail, 1);
    await postJson(t.url, '/api/newsletter/confirm', { token: linkToken(confirmation, 'confirm\\?token=') });
    // No time passes: the confirmation proved someone reads this mailbox, so the approval mail may follow at once.
    await send(t, 'PUT', { old_email: oldEmail, new_email: newEmail });
    const approval = await lastMailTo(oldEmail, 2);
    await postJson(t.url, '/api/newsletter/confirm', { token: linkToken(approval, 'confirm\\?token=') });
    const [confirmMail] = await waitForMail(newEmail);
    await postJson(t.url, '/api/newsletter/confirm', { token: linkToken(confirmMail, 'confirm\\?token=') });
    expect(await statusOf(newEmail)).toBe('confirmed');
  });

  it('the mail budget belongs to the mailbox: case variants, many rows and every route share it', async () => {
    const target = address();
    const [local, domain] = target.split('@');
    const variants = [0, 1, 2, 3, 4, 5].map(
      (i) => `${local.slice(0, i)}${local[i].toUpperCase()}${local.slice(i + 1)}@${domain}`,
    );
    for (const variant of variants) await send(t, 'POST', { email: variant });
    await send(t, 'DELETE', { email: target.toUpperCase() });
    await postJson(t.url, '/api/newsletter/manage', { action: 'request_link', email: target });
    const lowerMails = () => smtp.received.filter((m) => m.envelope.to.some((to) => to.toLowerCase() === target));
    await requestsDone(t);
    await new Promise((r) => setTimeout(r, 300));
    expect(lowerMails()).toHaveLength(1);
    expect(
      Number(
        (await t.query<{ n: number }>('SELECT COUNT(*) AS n FROM subscribers WHERE email_key = :target', { target }))[0]
          .n,
      ),
    ).toBe(1);

    // An attacker owning many subscribed mailboxes approves moves of all of them onto the target's address: the
    // target still gets one mail now, and no more than three in a day however often time passes.
    const seeds = Array.from({ length: 7 }, () => address());
    for (const seed of seeds) await subscribed(seed);
    const approvals = await Promise.all(
      seeds.map(async (seed) => {
        const before = mailsTo(seed).length;
        await send(t, 'PUT', { old_email: seed, new_email: target });
        return linkToken(await lastMailTo(seed, before + 1), 'confirm\\?token=');
      }),
    );
    const before = lowerMails().length;
    for (const [i, token] of approvals.entries()) {
      expect((await postJson(t.url, '/api/newsletter/confirm', { token })).status).toBe(200);
      // Ten minutes pass between approvals, for the target's mailbox only.
      if (i % 2 === 1) await t.db.write('UPDATE mail_budgets SET last_mail_at = NULL');
    }
    await quietFor([]);
    expect(lowerMails().length - before).toBe(3);
  });

  it('a stranger cannot rewrite a pending subscription: the confirmed request is the one recorded', async () => {
    const email = address();
    await send(t, 'POST', { email, name: 'Ada', metadata: { plan: 'pro' } }, { 'x-forwarded-for': '198.51.100.7' });
    const first = await lastMailTo(email, 1);
    await budgetsElapse(t);
    await send(t, 'POST', { email, name: 'Mallory', metadata: { plan: 'evil' } }, { 'x-forwarded-for': '203.0.113.9' });
    await lastMailTo(email, 2);
    const [pending] = await t.query<Record<string, unknown>>('SELECT * FROM subscribers WHERE email = :email', {
      email,
    });
    expect(pending).toMatchObject({ status: 'pending', name: null, metadata: null, subscribe_ip: null });

    await postJson(t.url, '/api/newsletter/confirm', { token: linkToken(first, 'confirm\\?token=') });
    const [row] = await t.query<Record<string, unknown>>('SELECT * FROM subscribers WHERE email = :email', { email });
    expect(row).toMatchObject({ status: 'confirmed', name: 'Ada', subscribe_ip: '198.51.100.7' });
    expect(JSON.parse(String(row.metadata))).toEqual({ plan: 'pro' });
  });

  it('suppressed addresses get no confirmation or link mail; an erased one may come back by confirming', async () => {
    const bounced = address();
    await subscribed(bounced);
    await t.db.write(`INSERT INTO suppressions (email_hash, reason, created_at) VALUES (:hash, 'hard bounce', :now)`, {
      hash: addressHash(bounced),
      now: new Date(),
    });
    const before = mailsTo(bounced).length;
    await send(t, 'POST', { email: bounced });
    await send(t, 'DELETE', { email: bounced });
    await postJson(t.url, '/api/newsletter/manage', { action: 'request_link', email: bounced });
    expect(await quietFor([bounced])).toEqual([before]);

    const erased = address();
    await subscribed(erased);
    const token = await manageToken(erased);
    expect((await postJson(t.url, '/api/newsletter/manage', { action: 'erase', token })).status).toBe(200);
    await budgetsElapse(t);
    await send(t, 'POST', { email: erased, name: 'Back again' });
    const mail = await lastMailTo(erased, 3);
    expect(mail.parsed.subject).toContain('Confirm your subscription');
    expect(await statusOf(erased)).toBe('pending');
    await postJson(t.url, '/api/newsletter/confirm', { token: linkToken(mail, 'confirm\\?token=') });
    expect(await statusOf(erased)).toBe('confirmed');
    expect(
      await t.query('SELECT id FROM suppressions WHERE email_hash = :hash', { hash: addressHash(erased) }),
    ).toEqual([]);
  });

  it('a token for A cannot act on B; bad tokens of every kind get the same answer; GET changes nothing', async () => {
    const a = address();
    const b = address();
    await subscribed(a);
    await subscribed(b);
    const tokenA = await manageToken(a);
    const view = await fetch(`${t.url}/api/newsletter/manage?token=${tokenA}`);
    const html = await view.text();
    expect(html).toContain(a);
    expect(html).not.toContain(b);
    expect((await postJson(t.url, '/api/newsletter/manage', { action: 'unsubscribe', token: tokenA })).status).toBe(
      200,
    );
    expect(await statusOf(a)).toBe('unsubscribed');
    expect(await statusOf(b)).toBe('confirmed');

    await t.db.write("UPDATE subscriber_tokens SET expires_at = :past WHERE purpose = 'manage'", { past: new Date(1) });
    const bad = [tokenA /* now expired */, 'not-a-token', 'A'.repeat(43), '', "' OR 1=1 --"];
    const answers = await Promise.all(
      bad.map(async (token) =>
        answer(
          await postJson(t.url, '/api/newsletter/manage', {
            action: 'export',
            token: token || undefined,
            email: 'x@example.com',
          }),
        ),
      ),
    );
    const tokenAnswers = answers.filter((x) => x.status === 400 && x.body.error === 'token_invalid');
    expect(tokenAnswers.length).toBe(bad.length - 1); // '' means no token: that is the anonymous form, answered 202
    expect(new Set(tokenAnswers.map((x) => JSON.stringify(x))).size).toBe(1);
    const confirmAnswers = await Promise.all(
      ['nope', 'B'.repeat(43)].map(async (token) =>
        answer(await postJson(t.url, '/api/newsletter/confirm', { token })),
      ),
    );
    expect(confirmAnswers[0]).toEqual(confirmAnswers[1]);
    expect(confirmAnswers[0]).toEqual(tokenAnswers[0]);

    // GET pages never change state.
    await fetch(`${t.url}/api/newsletter/unsubscribe/${'C'.repeat(43)}`);
    expect(await statusOf(b)).toBe('confirmed');
  });

  it('subscription bombing: 50 requests from many IPs send at most one confirmation', async () => {
    const email = address();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(t, 'POST', { email }, { 'x-forwarded-for': `198.51.100.${i + 1}` }).then((r) => r.arrayBuffer()),
      ),
    );
    await waitForMail(email);
    expect(await quietFor([email])).toEqual([1]);
  });

  it('the manage page escapes hostile names and works without JavaScript', async () => {
    const email = address();
    await subscribed(email, { name: '<script>alert(1)</script>', metadata: { note: '<img src=x onerror=alert(1)>' } });
    const token = await manageToken(email);
    const response = await fetch(`${t.url}/api/newsletter/manage?token=${token}`);
    const html = await response.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).toMatch(/<form method="post" action="\/api\/newsletter\/manage">/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const anonymous = await (await fetch(`${t.url}/api/newsletter/manage`)).text();
    expect(anonymous).toContain('name="action" value="subscribe"');
    expect(anonymous).toContain('name="action" value="request_link"');
  });

  it('manage form posts need the form token (CSRF); with it, export (with the mails sent) and erase work', async () => {
    const email = address();
    await subscribed(email);
    const token = await manageToken(email);
    const forged = await fetch(`${t.url}/api/newsletter/manage`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'erase', token }),
    });
    expect(forged.status).toBe(403);
    expect(await statusOf(email)).toBe('confirmed');

    const page = await (await fetch(`${t.url}/api/newsletter/manage?token=${token}`)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
    const exported = await fetch(`${t.url}/api/newsletter/manage`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'export', token, csrf }),
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    const data = (await exported.json()) as {
      email: string;
      consent: Record<string, unknown>;
      mails: { date: string; subject: string; status: string }[];
    };
    expect(data.email).toBe(email);
    expect(data.consent.confirmed_at).toMatch(/^\d{4}-/);
    expect(data.mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('Confirm your subscription'), expect.stringContaining('Manage')]),
    );
    expect(data.mails[0]).toEqual({
      date: expect.stringMatching(/^\d{4}-/),
      subject: expect.stringContaining('Manage'),
      status: expect.stringMatching(/^(sent|pending)$/),
    });

    const erased = await fetch(`${t.url}/api/newsletter/manage`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'erase', token, csrf }),
    });
    expect(erased.status).toBe(200);
    expect(await statusOf(email)).toBeUndefined();
    const [suppressed] = await t.query<{ n: number }>("SELECT COUNT(*) AS n FROM suppressions WHERE reason = 'erased'");
    expect(Number(suppressed.n)).toBeGreaterThanOrEqual(1);
    expect(
      await t.query(
        'SELECT id FROM subscriber_tokens WHERE token_hash IS NOT NULL AND subscriber_id NOT IN (SELECT id FROM subscribers)',
      ),
    ).toEqual([]);
  });

  it('header injection in name or email never reaches the SMTP server', async () => {
    const before = smtp.received.length;
    const attempts = [
      { email: 'victim@example.com\r\nBcc: attacker@evil.example' },
      { email: 'victim@example.com', name: 'Eve\r\nBcc: attacker@evil.example' },
      { email: 'victim@example.com,attacker@evil.example' },
    ];
    for (const body of attempts) expect((await send(t, 'POST', body)).status).toBe(400);
    await quietFor([]);
    expect(smtp.received.slice(before).flatMap((m) => m.envelope.to)).not.toContain('attacker@evil.example');
    expect(smtp.received.flatMap((m) => m.envelope.to)).not.toContain('attacker@evil.example');
  });

  it('internationalised and punycode spellings of one address are one subscriber', async () => {
    expect((await send(t, 'POST', { email: 'info@xn--e1afmkfd.xn--p1ai' })).status).toBe(202);
    expect((await send(t, 'POST', { email: 'Info@пример.рф' })).status).toBe(202);
    expect(
      (await postJson(t.url, '/api/contact', { name: 'Ivan', email: 'info@xn--e1afmkfd.xn--p1ai', message: 'Hi' }))
        .status,
    ).toBe(201);
    await requestsDone(t);
    const rows = await t.query<{ email_key: string }>(
      "SELECT email_key FROM subscribers WHERE email_key LIKE 'info@xn--%'",
    );
    expect(rows).toEqual([{ email_key: 'info@xn--e1afmkfd.xn--p1ai' }]);
  });
});

describe('public requests by address, seen from inside', () => {
  it('do the same work whatever the address: one queued request, nothing read or written about the address', async () => {
    // No dispatcher: the requests stay queued, so what each request itself wrote can be compared.
    const t = await startApp({ RATE_LIMIT_MAX: '0', OUTBOX_DISPATCHER: 'false' });
    try {
      await t.db.write(
        `INSERT INTO subscribers (email, email_key, status, created_at, updated_at)
         VALUES ('known@example.com', 'known@example.com', 'confirmed', :now, :now)`,
        { now: new Date() },
      );
      const counts = async (): Promise<Record<string, number>> => {
        const tables = ['subscribers', 'subscriber_tokens', 'outbox_jobs', 'mail_budgets'];
        const rows = await Promise.all(
          tables.map(async (table) => (await t.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n),
        );
        return Object.fromEntries(tables.map((table, i) => [table, Number(rows[i])]));
      };
      const effects: unknown[] = [];
      for (const email of ['known@example.com', 'unknown@example.com']) {
        for (const [method, body] of [
          ['POST', { email }],
          ['DELETE', { email }],
          ['PUT', { old_email: email, new_email: 'new@example.com' }],
        ] as const) {
          const before = await counts();
          await send(t, method, body);
          const after = await counts();
          effects.push(
            Object.fromEntries(Object.entries(after).map(([table, count]) => [table, count - before[table]])),
          );
        }
      }
      expect(new Set(effects.map((e) => JSON.stringify(e))).size).toBe(1);
      expect(effects[0]).toEqual({ subscribers: 0, subscriber_tokens: 0, outbox_jobs: 1, mail_budgets: 0 });
    } finally {
      await t.close();
    }
  });
});

describe('single opt-in (DOUBLE_OPT_IN=false)', () => {
  it('confirms a new address at once, but never someone who left or was suppressed', async () => {
    const smtp = await new TestSmtpServer().start();
    const t = await startApp({ ...smtp.env(), DOUBLE_OPT_IN: 'false', RATE_LIMIT_MAX: '0' });
    const { statusOf, quietFor, waitForMail } = subscriptionDriver(
      () => t,
      () => smtp,
    );
    try {
      expect((await send(t, 'POST', { email: 'single@example.com' })).status).toBe(202);
      expect(await quietFor(['single@example.com'])).toEqual([0]);
      expect(await statusOf('single@example.com')).toBe('confirmed');

      await t.db.write("UPDATE subscribers SET status = 'unsubscribed' WHERE email = 'single@example.com'");
      await send(t, 'POST', { email: 'single@example.com' });
      await waitForMail('single@example.com');
      expect(await statusOf('single@example.com')).toBe('unsubscribed');

      await t.db.write(`INSERT INTO suppressions (email_hash, reason, created_at) VALUES (:hash, 'erased', :now)`, {
        hash: addressHash('gone@example.com'),
        now: new Date(),
      });
      await send(t, 'POST', { email: 'gone@example.com' });
      await waitForMail('gone@example.com');
      expect(await statusOf('gone@example.com')).toBe('pending');
      expect(
        await t.query('SELECT reason FROM suppressions WHERE email_hash = :hash', {
          hash: addressHash('gone@example.com'),
        }),
      ).toEqual([{ reason: 'erased' }]);
    } finally {
      await t.close();
      await smtp.stop();
    }
  });
});

describe('mail previews', () => {
  it('render every template in development and are hidden otherwise', async () => {
    const dev = await startApp({ NODE_ENV: 'development' });
    const prod = await startApp({ NODE_ENV: 'test' });
    try {
      for (const template of [
        'confirm',
        'manageLink',
        'unsubscribeLink',
        'approveChange',
        'changeConfirm',
        'goodbye',
      ]) {
        const response = await fetch(`${dev.url}/api/newsletter/preview/${template}`);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('Unsubscribe');
      }
      expect((await fetch(`${dev.url}/api/newsletter/preview/constructor`)).status).toBe(404);
      expect((await fetch(`${prod.url}/api/newsletter/preview/confirm`)).status).toBe(404);
    } finally {
      await dev.close();
      await prod.close();
    }
  });
});
