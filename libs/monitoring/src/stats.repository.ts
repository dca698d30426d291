import { Injectable } from '@nestjs/common';
import { DatabaseService, countOf } from '@mailroom/platform';

export const DAILY_METRICS = [
  'submissions',
  'new_subscribers',
  'unsubscribes',
  'emails_sent',
  'emails_failed',
] as const;
export type DailyMetric = (typeof DAILY_METRICS)[number];

/** Where each daily series comes from: one indexed timestamp column per table. */
const SOURCES: Record<DailyMetric, { table: string; column: string; condition?: string }> = {
  submissions: { table: 'contact_submissions', column: 'created_at' },
  new_subscribers: { table: 'subscribers', column: 'created_at' },
  unsubscribes: { table: 'subscribers', column: 'unsubscribed_at' },
  emails_sent: { table: 'outbox_jobs', column: 'processed_at', condition: "status = 'sent'" },
  emails_failed: { table: 'outbox_jobs', column: 'processed_at', condition: "status = 'failed'" },
};

/** Marks a day whose counts are all in stats_daily (days with no events store no other row). */
const COMPLETE = '_complete';
const INSERT_CHUNK = 200;

export type DayCounts = Map<string, Partial<Record<DailyMetric, number>>>;

/** The dashboard's queries: live counts by day, the stats_daily store of finished days, and totals. */
@Injectable()
export class StatsRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Events per UTC day in [from, to), for one metric. */
  countByDay(metric: DailyMetric, from: Date, to: Date): Promise<Map<string, number>> {
    const { table, column, condition } = SOURCES[metric];
    return this.db.countByDay(table, column, from, to, condition);
  }

  /** Stored counts for days in [fromDay, toDay] (inclusive, YYYY-MM-DD), and which of those days are complete. */
  async storedDays(fromDay: string, toDay: string): Promise<{ counts: DayCounts; complete: Set<string> }> {
    const rows = await this.db.query<{ day: string; metric: string; n: number | string }>(
      'SELECT day, metric, n FROM stats_daily WHERE day >= :fromDay AND day <= :toDay',
      { fromDay, toDay },
    );
    const counts: DayCounts = new Map();
    const complete = new Set<string>();
    for (const { day, metric, n } of rows) {
      if (metric === COMPLETE) complete.add(day);
      else counts.set(day, { ...counts.get(day), [metric]: Number(n) });
    }
    return { counts, complete };
  }

  /** Keeps finished days' counts. Another instance may have stored the same day meanwhile; the first write wins. */
  async storeDays(days: readonly string[], counts: DayCounts): Promise<void> {
    const rows: [string, string, number][] = [];
    for (const day of days) {
      for (const [metric, n] of Object.entries(counts.get(day) ?? {})) if (n > 0) rows.push([day, metric, n]);
      rows.push([day, COMPLETE, 1]);
    }
    await this.db.transaction(async (tx) => {
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        const chunk = rows.slice(start, start + INSERT_CHUNK);
        const params: Record<string, unknown> = {};
        const values = chunk.map(([day, metric, n], i) => {
          Object.assign(params, { [`d${i}`]: day, [`m${i}`]: metric, [`n${i}`]: n });
          return `(:d${i}, :m${i}, :n${i})`;
        });
        await tx.query(
          `INSERT INTO stats_daily (day, metric, n) VALUES ${values.join(', ')} ON CONFLICT (day, metric) DO NOTHING`,
          params,
        );
      }
    });
  }

  async countSubmissions(): Promise<number> {
    return countOf(this.db, 'SELECT COUNT(*) AS n FROM contact_submissions');
  }

  /** Rows per status; each status is one index range count. */
  async countByStatus<S extends string>(
    table: 'subscribers' | 'outbox_jobs',
    statuses: readonly S[],
  ): Promise<Record<S, number>> {
    const counts = await Promise.all(
      statuses.map(async (status) => {
        const [row] = await this.db.query<{ n: number | string }>(
          `SELECT COUNT(*) AS n FROM ${table} WHERE status = :status`,
          { status },
        );
        return [status, Number(row?.n ?? 0)] as const;
      }),
    );
    return Object.fromEntries(counts) as Record<S, number>;
  }
}
