import { addressKey } from '@mailroom/platform';
import type { TestApp } from './app';
import type { AdminSession } from './admin';
import type { ReceivedMail } from './smtp';
import { waitFor } from './wait';

/** Adds `count` subscribers with one status, addresses `${prefix}${i}@example.com`, in a few multi-row inserts. */
export async function seedSubscribers(
  t: TestApp,
  count: number,
  options: { status?: 'pending' | 'confirmed' | 'unsubscribed'; prefix?: string } = {},
): Promise<void> {
  const status = options.status ?? 'confirmed';
  const prefix = options.prefix ?? 'reader';
  const now = new Date();
  for (let start = 0; start < count; start += 500) {
    const params: Record<string, unknown> = { status, now };
    const values: string[] = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      params[`e${i}`] = `${prefix}${i}@example.com`;
      params[`n${i}`] = `Reader ${i}`;
      values.push(`(:e${i}, :e${i}, :n${i}, :status, :now, :now)`);
    }
    await t.db.write(
      `INSERT INTO subscribers (email, email_key, name, status, created_at, updated_at) VALUES ${values.join(', ')}`,
      params,
    );
  }
}

export interface NewsletterDetail {
  id: number;
  status: string;
  audience_count: number;
  failure_reason: string | null;
  progress: { counts: Record<string, number>; percent: number; audience: number };
}

export async function createNewsletter(
  owner: AdminSession,
  body: Record<string, unknown> = {},
): Promise<NewsletterDetail> {
  const response = await owner.request('/admin/api/newsletters', {
    method: 'POST',
    body: { subject: 'Hello {{name}}', body: 'News for {{email}}.\n\n[Leave]({{unsubscribe_url}})', ...body },
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as NewsletterDetail;
}

export async function getNewsletter(owner: AdminSession, id: number): Promise<NewsletterDetail> {
  return (await (await owner.request(`/admin/api/newsletters/${id}`)).json()) as NewsletterDetail;
}

export async function waitForNewsletter(
  owner: AdminSession,
  id: number,
  status: string,
  timeoutMs = 60_000,
): Promise<NewsletterDetail> {
  let last: NewsletterDetail | undefined;
  await waitFor(
    async () => (last = await getNewsletter(owner, id)).status === status,
    timeoutMs,
    `newsletter ${id} ${status}`,
  );
  return last!;
}

/** How many messages each recipient got. */
export function perRecipient(received: readonly ReceivedMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of received) for (const to of mail.envelope.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

/** Newsletter messages only (test SMTP servers also see notifications and test sends). */
export const newsletterMail = (received: readonly ReceivedMail[], id: number) =>
  received.filter(
    (mail) =>
      mail.parsed.headers.get('x-mailroom-newsletter') === String(id) && !mail.parsed.headers.get('x-mailroom-test'),
  );

export interface SubscriberFixture {
  email: string;
  name?: string | null;
  metadata?: Record<string, unknown> | null;
  source?: string | null;
  status?: 'pending' | 'confirmed' | 'unsubscribed';
  subscribe_ip?: string | null;
}

/** One subscriber with the details given, as an admin import or a confirmed request would leave it. */
export async function addSubscriber(t: TestApp, subscriber: SubscriberFixture): Promise<number> {
  const now = new Date();
  const [row] = await t.db.write<{ id: number }>(
    `INSERT INTO subscribers (email, email_key, name, metadata, source, status, subscribed_at, subscribe_ip,
       confirmed_at, created_at, updated_at)
     VALUES (:email, :key, :name, :metadata, :source, :status, :now, :ip, :confirmedAt, :now, :now) RETURNING id`,
    {
      email: subscriber.email,
      key: addressKey(subscriber.email),
      name: subscriber.name ?? null,
      metadata: subscriber.metadata ? JSON.stringify(subscriber.metadata) : null,
      source: subscriber.source ?? null,
      status: subscriber.status ?? 'pending',
      ip: subscriber.subscribe_ip ?? null,
      confirmedAt: subscriber.status === 'confirmed' ? now : null,
      now,
    },
  );
  return Number(row.id);
}
