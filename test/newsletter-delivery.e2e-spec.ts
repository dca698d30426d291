import { createHash } from 'node:crypto';
import { startApp, type TestApp } from './support/app';
import { OWNER_PASSWORD, signIn, type AdminSession } from './support/admin';
import { createTestDatabase, type TestDatabase } from './support/database';
import { createNewsletter, perRecipient, seedSubscribers, waitForNewsletter } from './support/newsletters';
import { TestSmtpServer, type TestSmtpOptions } from './support/smtp';
import { exited, startApiProcess, startWorker } from './support/processes';
import { waitFor } from './support/wait';

/** The delivery promises of the README, each tested against a real SMTP server and, where it matters, real processes. */
describe('newsletter delivery guarantees', () => {
  let smtp: TestSmtpServer;
  let database: TestDatabase;
  let t: TestApp;
  let owner: AdminSession;

  async function setUp(options: { smtp?: TestSmtpOptions; env?: Record<string, string>; subscribers: number }) {
    smtp = await new TestSmtpServer(options.smtp).start();
    database = await createTestDatabase();
    t = await startApp(
      { ...smtp.env(), ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: OWNER_PASSWORD, ...options.env },
      database,
    );
    owner = await signIn(t, 'owner');
    await seedSubscribers(t, options.subscribers, { prefix: 'fan' });
  }
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  const everyone = (n: number) => Array.from({ length: n }, (_, i) => `fan${i}@example.com`).sort();
  const send = async () => {
    const newsletter = await createNewsletter(owner);
    const response = await owner.request(`/admin/api/newsletters/${newsletter.id}/send`, { method: 'POST', body: {} });
    expect(response.status).toBe(202);
    return newsletter.id;
  };
  const workerEnv = (extra: Record<string, string> = {}) => ({
    ...smtp.env(),
    DATABASE_URL: database.url,
    NEWSLETTER_BATCH_SIZE: '50',
    NEWSLETTER_LEASE_MS: '1500',
    ...extra,
  });
  // The API only writes; worker processes send.
  const apiOnly = { OUTBOX_DISPATCHER: 'false' };

  it('a worker killed with SIGKILL mid-send: a restarted one finishes, duplicates at most the batch in flight', async () => {
    await setUp({ smtp: { acceptDelayMs: 2 }, env: apiOnly, subscribers: 1500 });
    const id = await send();
    const first = startWorker(workerEnv());
    await smtp.waitForCount(300, 30_000);
    first.kill('SIGKILL');
    await exited(first);
    const second = startWorker(workerEnv());
    try {
      const done = await waitForNewsletter(owner, id, 'sent', 60_000);
      expect(done.progress.counts).toMatchObject({ sent: 1500, pending: 0, failed: 0, skipped: 0 });
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }
    const counts = perRecipient(smtp.received);
    expect([...counts.keys()].sort()).toEqual(everyone(1500));
    expect(smtp.received.length - 1500).toBeLessThanOrEqual(50);
  }, 120_000);

  it('a worker stopped with SIGTERM mid-send hands its rows back: no duplicates at all', async () => {
    await setUp({ smtp: { acceptDelayMs: 2 }, env: apiOnly, subscribers: 1500 });
    const id = await send();
    const first = startWorker(workerEnv());
    await smtp.waitForCount(300, 30_000);
    first.kill('SIGTERM');
    await exited(first);
    expect(first.exitCode).toBe(0);
    const second = startWorker(workerEnv());
    try {
      await waitForNewsletter(owner, id, 'sent', 60_000);
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }
    expect(smtp.received).toHaveLength(1500);
    expect([...perRecipient(smtp.received).keys()].sort()).toEqual(everyone(1500));
  }, 120_000);

  it('pausing and resuming ten times during a send never sends anyone the newsletter twice', async () => {
    await setUp({ smtp: { acceptDelayMs: 2 }, env: { NEWSLETTER_BATCH_SIZE: '40' }, subscribers: 1000 });
    const id = await send();
    await smtp.waitForCount(20);
    for (let i = 0; i < 10; i++) {
      expect((await owner.request(`/admin/api/newsletters/${id}/pause`, { method: 'POST' })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 40));
      expect((await owner.request(`/admin/api/newsletters/${id}/resume`, { method: 'POST' })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await waitForNewsletter(owner, id, 'sent', 60_000);
    expect(smtp.received).toHaveLength(1000);
    expect([...perRecipient(smtp.received).keys()].sort()).toEqual(everyone(1000));
  }, 120_000);

  it('rides out an SMTP server answering 421 for a while: every message arrives once', async () => {
    let refuseUntil = Number.MAX_SAFE_INTEGER;
    await setUp({
      smtp: {
        rejectRecipient: () => (Date.now() < refuseUntil ? { code: 421, message: '4.3.2 Try again later' } : undefined),
      },
      env: {
        NEWSLETTER_RETRY_BASE_MS: '100',
        NEWSLETTER_TRANSPORT_PAUSE_AFTER: '5',
        NEWSLETTER_TRANSPORT_PAUSE_MS: '300',
        NEWSLETTER_MAX_ATTEMPTS: '50',
      },
      subscribers: 200,
    });
    refuseUntil = Date.now() + 1500;
    const id = await send();
    const done = await waitForNewsletter(owner, id, 'sent', 60_000);
    expect(done.progress.counts).toMatchObject({ sent: 200, failed: 0 });
    expect(smtp.received).toHaveLength(200);
    expect([...perRecipient(smtp.received).keys()].sort()).toEqual(everyone(200));
    const [retried] = await t.query<{ n: number }>('SELECT COUNT(*) AS n FROM deliveries WHERE attempts > 1');
    expect(Number(retried.n)).toBeGreaterThan(0);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(`mailroom_newsletter_messages_total\\{newsletter="${id}",result="retried"\\} [1-9]`),
    );
  }, 90_000);

  it('550 5.1.1 fails those rows as bounced and suppresses the addresses for every later newsletter', async () => {
    const unknown = new Set(['fan3@example.com', 'fan17@example.com']);
    await setUp({
      smtp: {
        rejectRecipient: (address) => (unknown.has(address) ? { code: 550, message: '5.1.1 No such user' } : undefined),
      },
      subscribers: 30,
    });
    const id = await send();
    const done = await waitForNewsletter(owner, id, 'sent', 30_000);
    expect(done.progress.counts).toMatchObject({ sent: 28, bounced: 2, pending: 0 });
    const bounced = (await (await owner.request(`/admin/api/newsletters/${id}/deliveries?status=bounced`)).json()) as {
      items: { email: string; smtp_response: string }[];
    };
    expect(bounced.items.map((d) => d.email).sort()).toEqual([...unknown].sort());
    expect(bounced.items[0].smtp_response).toMatch(/5\.1\.1/);
    for (const email of unknown) {
      const hash = createHash('sha256').update(email).digest('hex');
      expect(await t.query('SELECT reason FROM suppressions WHERE email_hash = :hash', { hash })).toHaveLength(1);
    }
    const before = smtp.received.length;
    const next = await send();
    const second = await waitForNewsletter(owner, next, 'sent', 30_000);
    expect(second.progress.counts).toMatchObject({ sent: 28, skipped: 2 });
    expect(smtp.received.slice(before).some((mail) => unknown.has(mail.envelope.to[0]))).toBe(false);
  }, 60_000);

  it('two workers share one send without sending any row twice', async () => {
    await setUp({ smtp: { acceptDelayMs: 2 }, env: apiOnly, subscribers: 2000 });
    const id = await send();
    // Nobody crashes here, so no lease may expire: a long lease keeps a slow machine from turning a busy worker's
    // batch into a reclaimed one (that at-least-once path is the SIGKILL test's subject).
    const leased = { NEWSLETTER_LEASE_MS: '15000' };
    const workers = [startWorker(workerEnv(leased)), startWorker(workerEnv(leased))];
    try {
      await waitForNewsletter(owner, id, 'sent', 90_000);
    } finally {
      for (const worker of workers) worker.kill('SIGTERM');
      await Promise.all(workers.map(exited));
    }
    expect(smtp.received).toHaveLength(2000);
    expect([...perRecipient(smtp.received).keys()].sort()).toEqual(everyone(2000));
    const senders = await t.query<{ sent_by: string; n: number }>(
      'SELECT sent_by, COUNT(*) AS n FROM deliveries GROUP BY sent_by',
    );
    expect(senders).toHaveLength(2);
    expect(senders.every((s) => Number(s.n) > 0)).toBe(true);
  }, 120_000);

  it('someone who unsubscribes mid-send does not receive it', async () => {
    await setUp({ smtp: { acceptDelayMs: 3 }, env: { NEWSLETTER_BATCH_SIZE: '20' }, subscribers: 600 });
    const id = await send();
    await smtp.waitForCount(50);
    const [last] = await t.query<{ id: number }>("SELECT id FROM subscribers WHERE email = 'fan599@example.com'");
    const unsubscribed = await owner.request(`/admin/api/newsletter/${last.id}`, {
      method: 'PATCH',
      body: { status: 'unsubscribed' },
    });
    expect(unsubscribed.status).toBe(200);
    const done = await waitForNewsletter(owner, id, 'sent', 60_000);
    expect(done.progress.counts).toMatchObject({ sent: 599, skipped: 1 });
    expect(perRecipient(smtp.received).has('fan599@example.com')).toBe(false);
  }, 90_000);

  it('two senders at one message a second, a batch far longer than its lease: nobody gets it twice', async () => {
    // 6 rows at 1/s take 6 s against a 2 s lease: without renewal the other sender would take over rows still queued.
    const slow = { NEWSLETTER_RATE_LIMIT: '1', NEWSLETTER_BATCH_SIZE: '6', NEWSLETTER_LEASE_MS: '2000' };
    await setUp({ env: slow, subscribers: 14 });
    const worker = startWorker(workerEnv(slow));
    try {
      const id = await send();
      await waitForNewsletter(owner, id, 'sent', 60_000);
    } finally {
      worker.kill('SIGTERM');
      await exited(worker);
    }
    expect([...perRecipient(smtp.received).values()].every((n) => n === 1)).toBe(true);
    expect([...perRecipient(smtp.received).keys()].sort()).toEqual(everyone(14));
    const senders = await t.query<{ sent_by: string }>('SELECT DISTINCT sent_by FROM deliveries');
    expect(senders).toHaveLength(2);
  }, 90_000);

  it('cancelling mid-send stops the batch in hand within a few messages and leaves no row pending', async () => {
    await setUp({ env: { NEWSLETTER_RATE_LIMIT: '5', NEWSLETTER_BATCH_SIZE: '40' }, subscribers: 40 });
    const id = await send();
    await smtp.waitForCount(3);
    expect((await owner.request(`/admin/api/newsletters/${id}/cancel`, { method: 'POST' })).status).toBe(200);
    const rows = (status: string) =>
      t.query<{ n: number }>('SELECT COUNT(*) AS n FROM deliveries WHERE newsletter_id = :id AND status = :status', {
        id,
        status,
      });
    expect(Number((await rows('pending'))[0].n)).toBe(0);
    const atCancel = smtp.received.length;
    // The sender sees the cancellation within a second; what it sent is still recorded as sent.
    await waitFor(
      async () => Number((await rows('sent'))[0].n) === smtp.received.length && smtp.received.length > 0,
      10_000,
      'the sent rows recorded',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received.length - atCancel).toBeLessThanOrEqual(10);
    expect(Number((await rows('pending'))[0].n)).toBe(0);
    expect(Number((await rows('sent'))[0].n)).toBe(smtp.received.length);
    expect(smtp.received.length).toBeLessThan(40);
  }, 60_000);

  it('SIGTERM to the API mid-send: its embedded sender records what it sent; a new API finishes with no duplicate', async () => {
    await setUp({ smtp: { acceptDelayMs: 2 }, env: apiOnly, subscribers: 1500 });
    const id = await send();
    const api = { ...workerEnv(), OUTBOX_DISPATCHER: 'true' };
    const first = await startApiProcess(api);
    await smtp.waitForCount(300, 30_000);
    first.child.kill('SIGTERM');
    await exited(first.child);
    expect(first.child.exitCode).toBe(0);
    const second = await startApiProcess(api);
    try {
      await waitForNewsletter(owner, id, 'sent', 60_000);
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
    expect(smtp.received).toHaveLength(1500);
    expect([...perRecipient(smtp.received).keys()].sort()).toEqual(everyone(1500));
  }, 120_000);
});
