import { createTestDatabase } from './support/database';
import { newContact, postJson, startApp, type TestApp } from './support/app';
import { TestSmtpServer } from './support/smtp';
import { waitFor } from './support/wait';
import { exited, startWorker } from './support/processes';

const jobsByStatus = async (t: TestApp) =>
  Object.fromEntries(
    (await t.query<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM outbox_jobs GROUP BY status')).map(
      (r) => [r.status, Number(r.n)],
    ),
  );

describe('contact notifications through the outbox', () => {
  it('emails the team with the visitor only in Reply-To, once', async () => {
    const smtp = await new TestSmtpServer().start();
    const t = await startApp({ ...smtp.env(), RATE_LIMIT_MAX: '0' });
    try {
      const response = await postJson(
        t.url,
        '/api/contact',
        newContact({ name: 'Ada Lovelace', email: 'ada@example.com', message: 'Quote please' }),
      );
      expect(response.status).toBe(201);
      const [mail] = await smtp.waitForCount(1);
      expect(mail.envelope.to.sort()).toEqual(['sales@example.org', 'team@example.org']);
      expect(mail.envelope.from).toBe('mailroom@example.org');
      expect(mail.parsed.replyTo?.value).toEqual([{ name: 'Ada Lovelace', address: 'ada@example.com' }]);
      expect(mail.parsed.subject).toBe('New contact request from Ada Lovelace');
      expect(mail.parsed.text).toContain('Quote please');
      expect(mail.parsed.messageId).toMatch(/^<outbox-\d+@example\.org>$/);
      await waitFor(async () => (await jobsByStatus(t)).sent === 1, 5000, 'job marked sent');
    } finally {
      await t.close();
      await smtp.stop();
    }
  });

  it('marks jobs skipped when SMTP_HOST is not set', async () => {
    const t = await startApp({ RATE_LIMIT_MAX: '0' });
    try {
      await postJson(t.url, '/api/contact', newContact());
      await waitFor(async () => (await jobsByStatus(t)).skipped === 1, 5000, 'job marked skipped');
    } finally {
      await t.close();
    }
  });

  it('holds notifications while SMTP is down and delivers each exactly once when it returns', async () => {
    const smtp = await new TestSmtpServer().start();
    const port = smtp.port;
    await smtp.stop();
    const t = await startApp({ ...smtp.env(), SMTP_PORT: String(port), RATE_LIMIT_MAX: '0' });
    try {
      for (let i = 0; i < 3; i++) expect((await postJson(t.url, '/api/contact', newContact())).status).toBe(201);
      // Every job has been tried and put back for later at least once.
      const retried = async () =>
        Number(
          (
            await t.query<{ n: number }>(
              "SELECT COUNT(*) AS n FROM outbox_jobs WHERE attempts > 0 AND status = 'pending'",
            )
          )[0].n,
        );
      await waitFor(async () => (await retried()) === 3, 10_000, 'three failed attempts');
      await smtp.start(port);
      await smtp.waitForCount(3);
      await waitFor(async () => (await jobsByStatus(t)).sent === 3, 10_000, 'three jobs sent');
      // Give a duplicate every chance to show up before counting.
      await new Promise((r) => setTimeout(r, 500));
      const ids = smtp.received.map((m) => m.parsed.messageId);
      expect(new Set(ids).size).toBe(3);
      expect(smtp.received).toHaveLength(3);
    } finally {
      await t.close();
      await smtp.stop();
    }
  });

  it('fails a job at once on a permanent (5xx) answer', async () => {
    const smtp = await new TestSmtpServer({
      rejectRecipient: () => ({ code: 550, message: '5.1.1 No such user' }),
    }).start();
    const t = await startApp({ ...smtp.env(), RATE_LIMIT_MAX: '0' });
    try {
      await postJson(t.url, '/api/contact', newContact());
      await waitFor(async () => (await jobsByStatus(t)).failed === 1, 5000, 'job marked failed');
      const [job] = await t.query<{ last_error: string; attempts: number }>(
        'SELECT last_error, attempts FROM outbox_jobs',
      );
      expect(job.last_error).toContain('5.1.1');
      expect(Number(job.attempts)).toBe(1);
    } finally {
      await t.close();
      await smtp.stop();
    }
  });
});

describe('the delivery worker process', () => {
  it('loses no job when killed mid-batch (SIGKILL), and a restarted worker finishes the rest', async () => {
    const smtp = await new TestSmtpServer({ acceptDelayMs: 150 }).start();
    const database = await createTestDatabase();
    // The API only writes; the worker process delivers.
    const t = await startApp({ ...smtp.env(), RATE_LIMIT_MAX: '0', OUTBOX_DISPATCHER: 'false' }, database);
    const env = { ...smtp.env(), DATABASE_URL: database.url, OUTBOX_LEASE_MS: '2000', OUTBOX_BATCH_SIZE: '5' };
    try {
      const total = 30;
      for (let i = 0; i < total; i++) expect((await postJson(t.url, '/api/contact', newContact())).status).toBe(201);

      const first = startWorker(env);
      await smtp.waitForCount(3);
      first.kill('SIGKILL');
      await exited(first);
      const deliveredBeforeCrash = smtp.received.length;
      expect(deliveredBeforeCrash).toBeLessThan(total);

      const second = startWorker(env);
      try {
        await waitFor(async () => (await jobsByStatus(t)).sent === total, 30_000, 'every job sent');
      } finally {
        second.kill('SIGTERM');
        await exited(second);
      }
      const distinct = new Set(smtp.received.map((m) => m.parsed.messageId));
      expect(distinct.size).toBe(total);
      // At-least-once: only messages in flight at the crash (at most one batch) may arrive twice.
      expect(smtp.received.length - total).toBeLessThanOrEqual(5);
    } finally {
      await t.close();
      await smtp.stop();
    }
  });

  it('two dispatchers sharing one database never send the same job twice', async () => {
    const smtp = await new TestSmtpServer({ acceptDelayMs: 5 }).start();
    const database = await createTestDatabase();
    const a = await startApp({ ...smtp.env(), RATE_LIMIT_MAX: '0', OUTBOX_DISPATCHER: 'false' }, database);
    try {
      const total = 60;
      for (let i = 0; i < total; i++) await postJson(a.url, '/api/contact', newContact());
      const workers = [
        startWorker({ ...smtp.env(), DATABASE_URL: database.url }),
        startWorker({ ...smtp.env(), DATABASE_URL: database.url }),
      ];
      try {
        await waitFor(async () => (await jobsByStatus(a)).sent === total, 30_000, 'every job sent');
      } finally {
        for (const w of workers) w.kill('SIGTERM');
        await Promise.all(workers.map(exited));
      }
      expect(smtp.received).toHaveLength(total);
      expect(new Set(smtp.received.map((m) => m.parsed.messageId)).size).toBe(total);
    } finally {
      await a.close();
      await smtp.stop();
    }
  });

  it('a slow SMTP server and a batch longer than the lease: two dispatchers still send each job once', async () => {
    // 20 jobs over 5 connections at 600 ms each take about 2.4 s against a 1 s lease.
    const smtp = await new TestSmtpServer({ acceptDelayMs: 600 }).start();
    const database = await createTestDatabase();
    const slow = { OUTBOX_LEASE_MS: '1000', OUTBOX_BATCH_SIZE: '20' };
    const a = await startApp({ ...smtp.env(), ...slow, RATE_LIMIT_MAX: '0', OUTBOX_DISPATCHER: 'false' }, database);
    try {
      const total = 20;
      for (let i = 0; i < total; i++) await postJson(a.url, '/api/contact', newContact());
      const workers = [0, 1].map(() => startWorker({ ...smtp.env(), ...slow, DATABASE_URL: database.url }));
      try {
        await waitFor(async () => (await jobsByStatus(a)).sent === total, 60_000, 'every job sent');
        await new Promise((resolve) => setTimeout(resolve, 1500));
      } finally {
        for (const w of workers) w.kill('SIGTERM');
        await Promise.all(workers.map(exited));
      }
      expect(new Set(smtp.received.map((m) => m.parsed.messageId)).size).toBe(total);
      expect(smtp.received).toHaveLength(total);
    } finally {
      await a.close();
      await smtp.stop();
    }
  }, 90_000);
});
