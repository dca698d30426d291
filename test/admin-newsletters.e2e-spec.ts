import type { TestApp } from './support/app';
import { addAdmin, signIn, startAdminApp, type AdminSession } from './support/admin';
import { waitFor } from './support/wait';
import { DeliveryRepository } from '../libs/newsletter/src/newsletters/delivery/delivery.repository';
import {
  createNewsletter,
  getNewsletter,
  newsletterMail,
  perRecipient,
  seedSubscribers,
  waitForNewsletter,
} from './support/newsletters';
import { TestSmtpServer, rawHeader } from './support/smtp';

describe('admin API: newsletters', () => {
  let t: TestApp;
  let owner: AdminSession;
  let viewer: AdminSession;
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    await smtp.start();
    ({ t, owner, viewer } = await startAdminApp({
      ...smtp.env(),
      RATE_LIMIT_MAX: '0',
      POSTAL_ADDRESS: '1 Harbour Road, Bristol',
      NEWSLETTER_BATCH_SIZE: '100',
    }));
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('creates, lists, edits and deletes drafts; refuses merge fields outside the fixed set', async () => {
    const draft = await createNewsletter(owner, { subject: 'Draft one', preheader: 'In brief' });
    expect(draft).toMatchObject({ status: 'draft', subject: 'Draft one', preheader: 'In brief', format: 'markdown' });
    const list = (await (await viewer.request('/admin/api/newsletters?status=draft')).json()) as {
      items: { id: number }[];
      total: number;
    };
    expect(list.items.map((n) => n.id)).toContain(draft.id);
    const edited = await owner.request(`/admin/api/newsletters/${draft.id}`, {
      method: 'PATCH',
      body: { subject: 'Draft one, edited' },
    });
    expect(((await edited.json()) as { subject: string }).subject).toBe('Draft one, edited');

    const bad = await owner.request('/admin/api/newsletters', {
      method: 'POST',
      body: { subject: 'Hi {{ process.env.SECRET_KEY }}', body: 'x {{password}}' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Record<string, string> }).fields).toEqual({
      subject: expect.stringContaining('{{process.env.SECRET_KEY}}'),
      body: expect.stringContaining('{{password}}'),
    });
    expect(
      (await viewer.request('/admin/api/newsletters', { method: 'POST', body: { subject: 's', body: 'b' } })).status,
    ).toBe(403);
    expect((await owner.request(`/admin/api/newsletters/${draft.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await owner.request(`/admin/api/newsletters/${draft.id}`)).status).toBe(404);
  });

  it('previews as a sample or a chosen subscriber, with HTML sanitised and a plain-text part', async () => {
    await seedSubscribers(t, 1, { prefix: 'preview' });
    const [subscriber] = await t.query<{ id: number }>(
      "SELECT id FROM subscribers WHERE email = 'preview0@example.com'",
    );
    const newsletter = await createNewsletter(owner, {
      subject: 'For {{name}}',
      body: 'Hi **{{name}}** <script>alert(1)</script>',
    });
    const sample = (await (await viewer.request(`/admin/api/newsletters/${newsletter.id}/preview`)).json()) as {
      subject: string;
      html: string;
      text: string;
      recipient: { sample: boolean };
    };
    expect(sample.recipient.sample).toBe(true);
    expect(sample.subject).toBe('For Sample Reader');
    expect(sample.html).toContain('<strong>Sample Reader</strong>');
    expect(sample.html).toContain('1 Harbour Road, Bristol');
    expect(sample.html).not.toContain('<script');
    expect(sample.text).toContain('Hi Sample Reader');
    const chosen = (await (
      await viewer.request(`/admin/api/newsletters/${newsletter.id}/preview?subscriber_id=${subscriber.id}`)
    ).json()) as { subject: string };
    expect(chosen.subject).toBe('For Reader 0');
  });

  it('test-sends to at most a few addresses, marked as a test, through the outbox', async () => {
    const newsletter = await createNewsletter(owner, { subject: 'Tested' });
    const tooMany = await owner.request(`/admin/api/newsletters/${newsletter.id}/test`, {
      method: 'POST',
      body: { emails: ['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org', 'e@x.org', 'f@x.org'] },
    });
    expect(tooMany.status).toBe(400);
    const before = smtp.received.length;
    const sent = await owner.request(`/admin/api/newsletters/${newsletter.id}/test`, {
      method: 'POST',
      body: { emails: ['editor@example.net'] },
    });
    expect(sent.status).toBe(202);
    await smtp.waitForCount(before + 1);
    const mail = smtp.received.at(-1)!;
    expect(mail.envelope.to).toEqual(['editor@example.net']);
    expect(mail.parsed.subject).toBe('[Test] Tested');
    expect(mail.parsed.headers.get('x-mailroom-test')).toBe('true');
    expect((await getNewsletter(owner, newsletter.id)).status).toBe('draft');
  });

  it('sends to every confirmed subscriber once, with working unsubscribe links and List-Unsubscribe headers', async () => {
    await seedSubscribers(t, 5000, { prefix: 'fan' });
    await seedSubscribers(t, 20, { prefix: 'waiting', status: 'pending' });
    await seedSubscribers(t, 20, { prefix: 'gone', status: 'unsubscribed' });
    const { createHash } = await import('node:crypto');
    await t.db.write("INSERT INTO suppressions (email_hash, reason, created_at) VALUES (:hash, 'bounce', :now)", {
      hash: createHash('sha256').update('fan7@example.com').digest('hex'),
      now: new Date(),
    });
    const newsletter = await createNewsletter(owner, { subject: 'Big news, {{name}}' });
    const sending = await owner.request(`/admin/api/newsletters/${newsletter.id}/send`, { method: 'POST', body: {} });
    expect(sending.status).toBe(202);
    expect(((await sending.json()) as { status: string }).status).toBe('sending');
    const done = await waitForNewsletter(owner, newsletter.id, 'sent', 120_000);

    const mails = newsletterMail(smtp.received, newsletter.id);
    const counts = perRecipient(mails);
    const expected = Array.from({ length: 5000 }, (_, i) => `fan${i}@example.com`).filter(
      (email) => email !== 'fan7@example.com',
    );
    // preview0 (from the preview test) is confirmed too.
    expect([...counts.keys()].sort()).toEqual([...expected, 'preview0@example.com'].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(done.progress.counts).toMatchObject({ sent: 5000, skipped: 1, pending: 0, failed: 0 });
    expect(done.progress.percent).toBe(100);

    const sample = mails.find((mail) => mail.envelope.to[0] === 'fan42@example.com')!;
    expect(sample.parsed.subject).toBe('Big news, Reader 42');
    expect(rawHeader(sample, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(sample, 'List-Id')).toMatch(/^"Mailroom newsletter" <newsletter\.127\.0\.0\.1>$/);
    expect(rawHeader(sample, 'Feedback-ID')).toBe(`${newsletter.id}:newsletter:mailroom`);
    expect(sample.parsed.messageId).toMatch(new RegExp(`^<newsletter-${newsletter.id}-\\d+@example\\.org>$`));
    const unsubscribeUrl = /<(http[^>]+)>/.exec(rawHeader(sample, 'List-Unsubscribe')!)![1];
    expect(sample.parsed.html).toContain(unsubscribeUrl);
    const oneClick = await fetch(unsubscribeUrl.replace(/^https?:\/\/[^/]+/, t.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const [fan42] = await t.query<{ status: string }>(
      "SELECT status FROM subscribers WHERE email = 'fan42@example.com'",
    );
    expect(fan42.status).toBe('unsubscribed');
    // A forged or altered link does nothing.
    const forged = await fetch(`${t.url}/api/newsletter/unsubscribe/s43.${'A'.repeat(43)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(forged.status).toBe(400);

    const deliveries = (await (
      await viewer.request(`/admin/api/newsletters/${newsletter.id}/deliveries?status=skipped`)
    ).json()) as { items: { email: string; smtp_response: string }[] };
    expect(deliveries.items).toEqual([
      expect.objectContaining({ email: 'fan7@example.com', smtp_response: 'address is suppressed' }),
    ]);
    const [fan1] = await t.query<{ id: number }>("SELECT id FROM subscribers WHERE email = 'fan1@example.com'");
    const detail = (await (await viewer.request(`/admin/api/newsletter/${fan1.id}`)).json()) as {
      deliveries: { newsletter_id: number; subject: string; status: string }[];
    };
    expect(detail.deliveries).toEqual([
      expect.objectContaining({ newsletter_id: newsletter.id, subject: 'Big news, {{name}}', status: 'sent' }),
    ]);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(`mailroom_newsletter_messages_total\\{newsletter="${newsletter.id}",result="sent"\\} 5000`),
    );
    expect(metrics).toContain('mailroom_smtp_send_duration_seconds_bucket');
    expect(metrics).toMatch(/mailroom_newsletter_queue_depth \d+/);
  }, 180_000);

  it('pushes progress as server-sent events until the newsletter is final', async () => {
    const newsletter = await createNewsletter(owner, { subject: 'Streamed' });
    await owner.request(`/admin/api/newsletters/${newsletter.id}/send`, { method: 'POST', body: {} });
    const response = await owner.request(`/admin/api/newsletters/${newsletter.id}/events`);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text(); // the stream ends once the newsletter is sent
    const events = text
      .trim()
      .split('\n\n')
      .map((block) => JSON.parse(block.split('\n')[1].slice('data: '.length)) as { status: string; percent: number });
    expect(events.at(-1)).toMatchObject({ status: 'sent', percent: 100 });
  }, 60_000);

  it('only allows the transitions that make sense, and viewers none', async () => {
    const draft = await createNewsletter(owner, { subject: 'Transitions' });
    expect((await owner.request(`/admin/api/newsletters/${draft.id}/pause`, { method: 'POST' })).status).toBe(409);
    expect((await viewer.request(`/admin/api/newsletters/${draft.id}/send`, { method: 'POST', body: {} })).status).toBe(
      403,
    );
    const cancelled = await owner.request(`/admin/api/newsletters/${draft.id}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(409);
  });
});

// Its own app and a small audience: what is tested is when sending starts, not how fast 5,000 mails arrive.
describe('admin API: scheduled newsletters', () => {
  let t: TestApp;
  let owner: AdminSession;
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    await smtp.start();
    ({ t, owner } = await startAdminApp({ ...smtp.env(), RATE_LIMIT_MAX: '0' }));
    await seedSubscribers(t, 2, { prefix: 'early' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('schedules for later, and never sends by surprise a schedule missed long ago', async () => {
    const later = await createNewsletter(owner, { subject: 'Later' });
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await owner.request(`/admin/api/newsletters/${later.id}/send`, {
      method: 'POST',
      body: { send_at: inAnHour },
    });
    expect(((await scheduled.json()) as { status: string }).status).toBe('scheduled');
    const zoneless = await owner.request(`/admin/api/newsletters/${later.id}/send`, {
      method: 'POST',
      body: { send_at: '2030-01-01T09:00:00' },
    });
    expect(zoneless.status).toBe(400);
    expect(((await zoneless.json()) as { fields: Record<string, string> }).fields).toHaveProperty('send_at');

    // ISO 8601 forms Date cannot read, and times already past, are refused: never "send to everyone now".
    const refused = await createNewsletter(owner, { subject: 'Refused' });
    for (const sendAt of [
      '2099-01-01T09:00:00,5Z',
      '2099-W01-1T09:00Z',
      '20990101T090000Z',
      '2099-02-30T09:00:00Z',
      new Date(Date.now() - 60_000).toISOString(),
    ]) {
      const response = await owner.request(`/admin/api/newsletters/${refused.id}/send`, {
        method: 'POST',
        body: { send_at: sendAt },
      });
      expect([sendAt, response.status]).toEqual([sendAt, 400]);
      expect(((await response.json()) as { fields: Record<string, string> }).fields).toHaveProperty('send_at');
    }
    expect((await getNewsletter(owner, refused.id)).status).toBe('draft');
    for (const query of ['date_from=20240101', 'date_from=2024-W01-1', 'date_to=2024-01-01T00:00:00']) {
      const response = await owner.request(`/admin/api/newsletters?${query}`);
      expect([query, response.status]).toEqual([query, 400]);
    }

    const soon = await createNewsletter(owner, { subject: 'Soon' });
    await owner.request(`/admin/api/newsletters/${soon.id}/send`, {
      method: 'POST',
      body: { send_at: new Date(Date.now() + 1500).toISOString() },
    });
    await waitForNewsletter(owner, soon.id, 'sent', 30_000);
    expect(
      newsletterMail(smtp.received, soon.id)
        .map((mail) => mail.envelope.to[0])
        .sort(),
    ).toEqual(['early0@example.com', 'early1@example.com']);

    // As if the service had been down for a day: the time passed long ago.
    const missed = await createNewsletter(owner, { subject: 'Missed' });
    await t.db.write("UPDATE newsletters SET status = 'scheduled', send_at = :at WHERE id = :id", {
      id: missed.id,
      at: new Date(Date.now() - 86_400_000),
    });
    const failed = await waitForNewsletter(owner, missed.id, 'failed', 10_000);
    expect(failed.failure_reason).toMatch(/scheduled time/);
    expect(failed.audience_count).toBe(0);
    expect(newsletterMail(smtp.received, missed.id)).toHaveLength(0);
    expect((await getNewsletter(owner, later.id)).status).toBe('scheduled');
  }, 60_000);
});

describe('admin API: live progress streams', () => {
  let t: TestApp;
  let owner: AdminSession;
  let viewer: AdminSession;
  let draftId: number;

  beforeAll(async () => {
    ({ t, owner, viewer } = await startAdminApp({ RATE_LIMIT_MAX: '0', EVENT_STREAM_MAX_SECONDS: '2' }));
    draftId = (await createNewsletter(owner, { subject: 'Watched' })).id;
  });
  afterAll(() => t.close());

  /** Opens a stream and reads it as it comes; `text` grows with every chunk. */
  async function open(session: AdminSession) {
    const response = await session.request(`/admin/api/newsletters/${draftId}/events`);
    const reader = response.body!.getReader();
    const stream = { response, text: '', ended: false, done: Promise.resolve() };
    stream.done = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) break;
        stream.text += new TextDecoder().decode(value);
      }
      stream.ended = true;
    })();
    await waitFor(() => stream.text.includes('event: progress') || stream.ended, 5000, 'the first event');
    return {
      ...stream,
      get text() {
        return stream.text;
      },
      get ended() {
        return stream.ended;
      },
      cancel: () => reader.cancel(),
    };
  }

  it('carries the security headers and request id, tells the browser when to reconnect, and ends after its lifetime', async () => {
    const stream = await open(owner);
    expect(stream.response.headers.get('x-request-id')).toBeTruthy();
    expect(stream.response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(stream.response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(stream.text).toMatch(/retry: \d+/);
    const started = Date.now();
    await waitFor(() => stream.ended, 6000, 'the stream to end by itself');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('allows three per session and refuses a fourth with 429; another session still gets one', async () => {
    const streams = [await open(owner), await open(owner), await open(owner)];
    const fourth = await owner.request(`/admin/api/newsletters/${draftId}/events`);
    expect(fourth.status).toBe(429);
    const other = await open(viewer);
    expect(other.response.status).toBe(200);
    await Promise.all([...streams, other].map((s) => s.cancel()));
  });

  it('ends at once when its session does: logout, or the admin being disabled', async () => {
    await addAdmin(t, 'watcher', 'viewer');
    const watcher = await signIn(t, 'watcher');
    const stream = await open(watcher);
    expect((await watcher.request('/auth/logout', { method: 'POST' })).status).toBe(204);
    await waitFor(() => stream.ended, 2500, 'the stream to end after logout');
    expect(stream.text).toContain('event: end');

    const again = await signIn(t, 'watcher');
    const second = await open(again);
    const [row] = await t.query<{ id: number }>("SELECT id FROM admin_users WHERE username = 'watcher'");
    await owner.request(`/admin/api/users/${row.id}`, { method: 'PATCH', body: { disabled: true } });
    await waitFor(() => second.ended, 2500, 'the stream to end after the admin was disabled');
  });

  it('a stream opened right after a pause or resume hears the new status, not the reading shared from before it', async () => {
    const { id } = await createNewsletter(owner, { subject: 'Paused and resumed' });
    // Sending with no SMTP server configured: the sender leaves it alone, so only the admin's actions move it.
    await t.db.write("UPDATE newsletters SET status = 'sending' WHERE id = :id", { id });
    const firstStatus = async () => {
      const response = await owner.request(`/admin/api/newsletters/${id}/events`);
      const reader = response.body!.getReader();
      let text = '';
      while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      return (JSON.parse(text.split('\n')[1].slice('data: '.length)) as { status: string }).status;
    };
    expect(await firstStatus()).toBe('sending');
    expect((await owner.request(`/admin/api/newsletters/${id}/pause`, { method: 'POST' })).status).toBe(200);
    expect(await firstStatus()).toBe('paused');
    expect((await owner.request(`/admin/api/newsletters/${id}/resume`, { method: 'POST' })).status).toBe(200);
    expect(await firstStatus()).toBe('sending');
    expect((await owner.request(`/admin/api/newsletters/${id}/cancel`, { method: 'POST' })).status).toBe(200);
    expect(await firstStatus()).toBe('cancelled');
  });

  it('shares one progress computation per newsletter per second among the streams watching it', async () => {
    const deliveries = t.app.get(DeliveryRepository);
    let counts = 0;
    const original = deliveries.counts.bind(deliveries);
    deliveries.counts = (id: number) => {
      counts += 1;
      return original(id);
    };
    try {
      const streams = [await open(owner), await open(owner), await open(viewer)];
      counts = 0;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await Promise.all(streams.map((s) => s.cancel()));
      // Three streams, about one and a half seconds: one or two computations, not four or more.
      expect(counts).toBeLessThanOrEqual(2);
    } finally {
      deliveries.counts = original;
    }
  });
});
