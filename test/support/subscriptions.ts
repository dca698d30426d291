import { postJson, type TestApp } from './app';
import type { ReceivedMail, TestSmtpServer } from './smtp';
import { waitFor } from './wait';

const TOKEN = '([A-Za-z0-9_-]{43})';

/** The token in a mailed link (`path` is what precedes it, e.g. 'confirm\\?token='). */
export function linkToken(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`/api/newsletter/${path}${TOKEN}`).exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`No ${path} link in: ${mail.parsed.text}`);
  return match[1];
}

export function sendNewsletterCall(t: TestApp, method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${t.url}/api/newsletter`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Waits until every queued public request has been done (the dispatcher deletes them as it goes). */
export async function requestsDone(t: TestApp): Promise<void> {
  await waitFor(
    async () =>
      Number(
        (await t.query<{ n: number }>("SELECT COUNT(*) AS n FROM outbox_jobs WHERE kind = 'subscription.request'"))[0]
          .n,
      ) === 0,
    10_000,
    'queued subscription requests to be done',
  );
}

/** As if a day had passed for every mailbox's budget (the 10-minute gap and the daily count). */
export async function budgetsElapse(t: TestApp): Promise<void> {
  await t.db.write('DELETE FROM mail_budgets');
}

/** Everything a test needs to drive the public flow and read the mailboxes. */
export function subscriptionDriver(t: () => TestApp, smtp: () => TestSmtpServer) {
  /** Mails that reached this mailbox (however the address was spelled). */
  const mailsTo = (email: string) =>
    smtp().received.filter((m) => m.envelope.to.some((to) => to.toLowerCase() === email.toLowerCase()));
  const waitForMail = async (email: string, count = 1) => {
    await waitFor(() => mailsTo(email).length >= count, 10_000, `${count} mail(s) to ${email}`);
    return mailsTo(email);
  };
  const lastMailTo = async (email: string, count: number) => (await waitForMail(email, count))[count - 1];
  const statusOf = async (email: string) =>
    (await t().query<{ status: string }>('SELECT status FROM subscribers WHERE email = :email', { email }))[0]?.status;
  /** Subscribes and confirms; the mailbox's budget is left as a day later, so the next steps are not limited. */
  const subscribed = async (email: string, details: Record<string, unknown> = {}) => {
    const before = mailsTo(email).length;
    await sendNewsletterCall(t(), 'POST', { email, ...details });
    const mail = await lastMailTo(email, before + 1);
    const response = await postJson(t().url, '/api/newsletter/confirm', { token: linkToken(mail, 'confirm\\?token=') });
    if (response.status !== 200) throw new Error(`confirm failed: ${response.status}`);
    await budgetsElapse(t());
  };
  const manageToken = async (email: string) => {
    const before = mailsTo(email).length;
    await postJson(t().url, '/api/newsletter/manage', { action: 'request_link', email });
    return linkToken(await lastMailTo(email, before + 1), 'manage\\?token=');
  };
  /** Nothing more arrives at these mailboxes once queued requests are done and the dispatcher had a moment. */
  const quietFor = async (emails: string[]) => {
    await requestsDone(t());
    await new Promise((r) => setTimeout(r, 300));
    return emails.map((email) => mailsTo(email).length);
  };
  return { mailsTo, waitForMail, lastMailTo, statusOf, subscribed, manageToken, quietFor };
}
