import { newContact, postJson, type TestApp } from './support/app';
import { startAdminApp, type AdminSession } from './support/admin';
import { TestSmtpServer } from './support/smtp';
import { waitFor } from './support/wait';

interface OutboxPage {
  items: {
    id: number;
    kind: string;
    status: string;
    to: string[];
    subject: string;
    attempts: number;
    last_error: string;
  }[];
  total: number;
}

describe('admin API: mails that failed for good', () => {
  let t: TestApp;
  let owner: AdminSession;
  let viewer: AdminSession;
  let refuse = true;
  const smtp = new TestSmtpServer({
    rejectRecipient: () => (refuse ? { code: 550, message: '5.7.1 Relaying denied' } : undefined),
  });

  beforeAll(async () => {
    await smtp.start();
    ({ t, owner, viewer } = await startAdminApp({ ...smtp.env(), RATE_LIMIT_MAX: '0' }));
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('lists a notification the SMTP server refused, and an admin sends it again once the cause is fixed', async () => {
    expect((await postJson(t.url, '/api/contact', newContact({ name: 'Lost Lead' }))).status).toBe(201);
    const failed = async () => (await (await viewer.request('/admin/api/outbox')).json()) as OutboxPage;
    await waitFor(async () => (await failed()).total === 1, 10_000, 'the notification to fail');
    const [job] = (await failed()).items;
    expect(job).toMatchObject({
      kind: 'contact.notification',
      status: 'failed',
      to: ['team@example.org', 'sales@example.org'],
      subject: 'New contact request from Lost Lead',
      last_error: expect.stringContaining('5.7.1'),
    });
    // Only recipients and subject: never the body (the visitor's message) in this list.
    expect(JSON.stringify(job)).not.toContain('Hello, this is message');

    expect((await viewer.request(`/admin/api/outbox/${job.id}/retry`, { method: 'POST' })).status).toBe(403);
    refuse = false;
    const retried = await owner.request(`/admin/api/outbox/${job.id}/retry`, { method: 'POST' });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ id: job.id, status: 'pending' });
    const [mail] = await smtp.waitForCount(1);
    expect(mail.parsed.subject).toBe('New contact request from Lost Lead');
    await waitFor(async () => (await failed()).total === 0, 10_000, 'the list to empty');
    expect((await owner.request(`/admin/api/outbox/${job.id}/retry`, { method: 'POST' })).status).toBe(409);
    const [audit] = await t.query<{ actor: string }>("SELECT actor FROM audit_log WHERE action = 'outbox.retry'");
    expect(audit.actor).toBe('owner');
  });
});
