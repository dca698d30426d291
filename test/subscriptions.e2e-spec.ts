import { postJson, startApp, type TestApp } from './support/app';
import { TestSmtpServer, rawHeader, type ReceivedMail } from './support/smtp';
import { waitFor } from './support/wait';

const TOKEN = '([A-Za-z0-9_-]{43})';
const linkToken = (mail: ReceivedMail, path: string) => {
  const match = new RegExp(`/api/newsletter/${path}${TOKEN}`).exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`No ${path} link in: ${mail.parsed.text}`);
  return match[1];
};
const send = (t: TestApp, method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.url}/api/newsletter`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
/** Status and body without the request id, which differs on every answer. */
const answer = async (response: Response) => {
  const body = (await response.json()) as Record<string, unknown>;
  delete body.request_id;
  return { status: response.status, body };
};
/** A header as sent (mailparser restructures the List-* ones), unfolded. */
const statusOf = async (t: TestApp, email: string) =>
  (await t.query<{ status: string }>('SELECT status FROM subscribers WHERE email = :email', { email }))[0]?.status;

describe('newsletter subscriptions', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let n = 0;
  const address = () => `reader${++n}@example.com`;
  const mailsTo = (email: string) => smtp.received.filter((m) => m.envelope.to.includes(email));
  const waitForMail = async (email: string, count = 1) => {
    await waitFor(() => mailsTo(email).length >= count, 10_000, `${count} mail(s) to ${email}`);
    return mailsTo(email);
  };
  async function subscribed(email: string): Promise<void> {
    await send(t, 'POST', { email });
    const [mail] = await waitForMail(email);
    const token = linkToken(mail, 'confirm\\?token=');
    expect((await postJson(t.url, '/api/newsletter/confirm', { token })).status).toBe(200);
  }
  async function manageToken(email: string): Promise<string> {
    const before = mailsTo(email).length;
    await postJson(t.url, '/api/newsletter/manage', { action: 'request_link', email });
    const mails = await waitForMail(email, before + 1);
    return linkToken(mails[mails.length - 1], 'manage\\?token=');
  }

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await startApp({
      ...smtp.env(),
      RATE_LIMIT_MAX: '0',
      TRUST_PROXY: 'true',
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
    expect(await statusOf(t, email)).toBe('pending');

    const [mail] = await waitForMail(email);
    expect(mail.parsed.subject).toContain('Confirm your subscription');
    expect(mail.parsed.html).toBeTruthy();
    const listUnsubscribe = rawHeader(mail, 'List-Unsubscribe')!;
    expect(listUnsubscribe).toMatch(
      new RegExp(
        `^<http://127\\.0\\.0\\.1:\\d+/api/newsletter/unsubscribe/${TOKEN}>, <mailto:unsubscribe@example\\.org\\?subject=unsubscribe>$`,
      ),
    );
    expect(rawHeader(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const confirmToken = linkToken(mail, 'confirm\\?token=');

    // A mail scanner following the link changes nothing.
    const page = await fetch(`${t.url}/api/newsletter/confirm?token=${confirmToken}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post" action="/api/newsletter/confirm">');
    expect(await statusOf(t, email)).toBe('pending');

    const confirmed = await fetch(`${t.url}/api/newsletter/confirm`, {
      method: 'POST',
      headers: { accept: 'text/html' },
      body: new URLSearchParams({ token: confirmToken }),
    });
    expect(confirmed.status).toBe(200);
    expect(await statusOf(t, email)).toBe('confirmed');
    // Confirming twice is harmless.
    expect((await postJson(t.url, '/api/newsletter/confirm', { token: confirmToken })).status).toBe(200);

    // PUBLIC_URL is derived from PORT=0 in tests; keep the path, use the real port.
    const unsubscribeUrl = t.url + new URL(/<(http[^>]+)>/.exec(listUnsubscribe)![1]).pathname;
    const form = new FormData();
    form.append('List-Unsubscribe', 'One-Click');
    const oneClick = await fetch(unsubscribeUrl, { method: 'POST', body: form, redirect: 'manual' });
    expect(oneClick.status).toBe(200);
    expect(await statusOf(t, email)).toBe('unsubscribed');
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
    expect(await statusOf(t, unknown)).toBeUndefined();
  });

  it('DELETE {email} mails a link instead of unsubscribing; its token unsubscribes at once', async () => {
    const email = address();
    await subscribed(email);
    await t.db.write('UPDATE subscribers SET last_mail_at = NULL, mail_window_count = 0 WHERE email = :email', {
      email,
    });
    const before = mailsTo(email).length;
    expect((await send(t, 'DELETE', { email })).status).toBe(202);
    expect(await statusOf(t, email)).toBe('confirmed');
    const mails = await waitForMail(email, before + 1);
    const token = linkToken(mails[mails.length - 1], 'unsubscribe/');
    const response = await send(t, 'DELETE', { token });
    expect(response.status).toBe(200);
    expect(await statusOf(t, email)).toBe('unsubscribed');
  });

  it('PUT changes the address only when the new one confirms, and tells the old one', async () => {
    const oldEmail = address();
    const newEmail = address();
    await subscribed(oldEmail);
    await new Promise((r) => setTimeout(r, 10));
    // The confirmation used up this address's mail budget for 10 minutes; reset it as time would.
    await t.db.write('UPDATE subscribers SET last_mail_at = NULL, mail_window_count = 0 WHERE email = :oldEmail', {
      oldEmail,
    });
    expect((await send(t, 'PUT', { old_email: oldEmail, new_email: newEmail })).status).toBe(202);
    const [confirmMail] = await waitForMail(newEmail);
    const notices = await waitForMail(oldEmail, 2);
    expect(notices[1].parsed.subject).toContain('Address change requested');
    expect(await statusOf(t, oldEmail)).toBe('confirmed');
    const token = linkToken(confirmMail, 'confirm\\?token=');
    expect((await postJson(t.url, '/api/newsletter/confirm', { token })).status).toBe(200);
    expect(await statusOf(t, oldEmail)).toBeUndefined();
    expect(await statusOf(t, newEmail)).toBe('confirmed');
    // An address change is single-use: replaying it is just an invalid link.
    expect((await postJson(t.url, '/api/newsletter/confirm', { token })).status).toBe(400);
  });

  it('a token for A cannot act on B; bad tokens of every kind get the same answer; GET changes nothing', async () => {
    const a = address();
    const b = address();
    await subscribed(a);
    await subscribed(b);
    await t.db.write('UPDATE subscribers SET last_mail_at = NULL, mail_window_count = 0');
    const tokenA = await manageToken(a);
    const view = await fetch(`${t.url}/api/newsletter/manage?token=${tokenA}`);
    const html = await view.text();
    expect(html).toContain(a);
    expect(html).not.toContain(b);
    expect((await postJson(t.url, '/api/newsletter/manage', { action: 'unsubscribe', token: tokenA })).status).toBe(
      200,
    );
    expect(await statusOf(t, a)).toBe('unsubscribed');
    expect(await statusOf(t, b)).toBe('confirmed');

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
    expect(await statusOf(t, b)).toBe('confirmed');
  });

  it('subscription bombing: 50 requests from many IPs send at most one confirmation', async () => {
    const email = address();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(t, 'POST', { email }, { 'x-forwarded-for': `198.51.100.${i + 1}` }).then((r) => r.arrayBuffer()),
      ),
    );
    await waitForMail(email);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(email)).toHaveLength(1);
  });

  it('the manage page escapes hostile names and works without JavaScript', async () => {
    const email = address();
    await send(t, 'POST', {
      email,
      name: '<script>alert(1)</script>',
      metadata: { note: '<img src=x onerror=alert(1)>' },
    });
    await waitForMail(email);
    await t.db.write('UPDATE subscribers SET last_mail_at = NULL, mail_window_count = 0 WHERE email = :email', {
      email,
    });
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

  it('manage form posts need the form token (CSRF); with it, export and erase work', async () => {
    const email = address();
    await subscribed(email);
    await t.db.write('UPDATE subscribers SET last_mail_at = NULL, mail_window_count = 0 WHERE email = :email', {
      email,
    });
    const token = await manageToken(email);
    const forged = await fetch(`${t.url}/api/newsletter/manage`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'erase', token }),
    });
    expect(forged.status).toBe(403);
    expect(await statusOf(t, email)).toBe('confirmed');

    const page = await (await fetch(`${t.url}/api/newsletter/manage?token=${token}`)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
    const exported = await fetch(`${t.url}/api/newsletter/manage`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'export', token, csrf }),
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    const data = (await exported.json()) as { email: string; consent: Record<string, unknown> };
    expect(data.email).toBe(email);
    expect(data.consent.confirmed_at).toMatch(/^\d{4}-/);

    const erased = await fetch(`${t.url}/api/newsletter/manage`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'erase', token, csrf }),
    });
    expect(erased.status).toBe(200);
    expect(await statusOf(t, email)).toBeUndefined();
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
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.slice(before).flatMap((m) => m.envelope.to)).not.toContain('attacker@evil.example');
    expect(smtp.received.flatMap((m) => m.envelope.to)).not.toContain('attacker@evil.example');
  });
});

describe('single opt-in (DOUBLE_OPT_IN=false)', () => {
  it('confirms at once and sends no confirmation email', async () => {
    const smtp = await new TestSmtpServer().start();
    const t = await startApp({ ...smtp.env(), DOUBLE_OPT_IN: 'false', RATE_LIMIT_MAX: '0' });
    try {
      expect((await send(t, 'POST', { email: 'single@example.com' })).status).toBe(202);
      expect(await statusOf(t, 'single@example.com')).toBe('confirmed');
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.received).toHaveLength(0);
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
      for (const template of ['confirm', 'manageLink', 'unsubscribeLink', 'changeConfirm', 'changeNotice', 'goodbye']) {
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
