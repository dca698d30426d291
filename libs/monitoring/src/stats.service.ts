import { Injectable } from '@nestjs/common';
import { DatabaseService, ValidationFailed } from '@mailroom/platform';

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

export interface DailyPoint {
  readonly date: string;
  readonly submissions: number;
  readonly new_subscribers: number;
  readonly unsubscribes: number;
  readonly emails_sent: number;
  readonly emails_failed: number;
}

export interface Stats {
  readonly range: { readonly from: string; readonly to: string };
  readonly totals: {
    readonly submissions: number;
    readonly subscribers: Record<'pending' | 'confirmed' | 'unsubscribed', number>;
    readonly emails: Record<'pending' | 'sent' | 'failed' | 'skipped', number>;
  };
  readonly daily: DailyPoint[];
}

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The dashboard's numbers: totals and one point per day. Each series is one indexed range query grouped by day
 * (the tables are indexed on their timestamps), so a call costs a handful of queries whatever the range.
 */
@Injectable()
export class StatsService {
  constructor(private readonly db: DatabaseService) {}

  async compute(fromText: string | undefined, toText: string | undefined, now = new Date()): Promise<Stats> {
    const to = new Date(`${toText?.slice(0, 10) ?? utcDay(now)}T00:00:00.000Z`);
    const from = fromText ? new Date(`${fromText.slice(0, 10)}T00:00:00.000Z`) : new Date(to.getTime() - 29 * DAY_MS);
    const days = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
    if (days < 1) throw new ValidationFailed({ from: 'must not be after to' });
    if (days > MAX_DAYS) throw new ValidationFailed({ from: `the range must be at most ${MAX_DAYS} days` });
    const end = new Date(to.getTime() + DAY_MS);

    const [submissions, newSubscribers, unsubscribes, sent, failed] = await Promise.all([
      this.db.countByDay('contact_submissions', 'created_at', from, end),
      this.db.countByDay('subscribers', 'created_at', from, end),
      this.db.countByDay('subscribers', 'unsubscribed_at', from, end),
      this.db.countByDay('outbox_jobs', 'processed_at', from, end, "status = 'sent'"),
      this.db.countByDay('outbox_jobs', 'processed_at', from, end, "status = 'failed'"),
    ]);
    const daily: DailyPoint[] = Array.from({ length: days }, (_, i) => {
      const date = utcDay(new Date(from.getTime() + i * DAY_MS));
      return {
        date,
        submissions: submissions.get(date) ?? 0,
        new_subscribers: newSubscribers.get(date) ?? 0,
        unsubscribes: unsubscribes.get(date) ?? 0,
        emails_sent: sent.get(date) ?? 0,
        emails_failed: failed.get(date) ?? 0,
      };
    });
    return { range: { from: utcDay(from), to: utcDay(to) }, totals: await this.totals(), daily };
  }

  private async totals(): Promise<Stats['totals']> {
    const [contacts] = await this.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM contact_submissions');
    const byStatus = async (table: string) =>
      Object.fromEntries(
        (
          await this.db.query<{ status: string; n: number | string }>(
            `SELECT status, COUNT(*) AS n FROM ${table} GROUP BY status`,
          )
        ).map((r) => [r.status, Number(r.n)]),
      );
    const subscribers = await byStatus('subscribers');
    const emails = await byStatus('outbox_jobs');
    return {
      submissions: Number(contacts?.n ?? 0),
      subscribers: {
        pending: subscribers.pending ?? 0,
        confirmed: subscribers.confirmed ?? 0,
        unsubscribed: subscribers.unsubscribed ?? 0,
      },
      emails: {
        pending: emails.pending ?? 0,
        sent: emails.sent ?? 0,
        failed: emails.failed ?? 0,
        skipped: emails.skipped ?? 0,
      },
    };
  }
}
