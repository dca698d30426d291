import { Injectable } from '@nestjs/common';
import { ValidationFailed } from '@mailroom/platform';
import { DAILY_METRICS, StatsRepository, type DailyMetric, type DayCounts } from './stats.repository';

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;
/** Totals count whole tables; a dashboard reloaded within this long reuses them. */
const TOTALS_TTL_MS = 5000;

export type DailyPoint = { readonly date: string } & Readonly<Record<DailyMetric, number>>;

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
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);

/**
 * The dashboard's numbers: totals and one point per day. Days before yesterday are finished: their counts are
 * computed once and kept in stats_daily (shared by every instance), so a call costs the totals plus two days of live
 * counting whatever the range. Yesterday stays live so mail processed just after midnight still lands in it.
 * Totals are reused for a few seconds (TOTALS_TTL_MS), so reloading a dashboard does not count a million rows again.
 */
@Injectable()
export class StatsService {
  private cachedTotals: { at: number; value: Promise<Stats['totals']> } | undefined;

  constructor(private readonly stats: StatsRepository) {}

  /** Days from `fromDay` to `toDay` inclusive (each taken as the UTC day it falls in). */
  async compute(fromDay: Date | undefined, toDay: Date | undefined, now = new Date()): Promise<Stats> {
    const to = dayStart(utcDay(toDay ?? now));
    const from = fromDay ? dayStart(utcDay(fromDay)) : new Date(to.getTime() - 29 * DAY_MS);
    const length = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
    if (length < 1) throw new ValidationFailed({ from: 'must not be after to' });
    if (length > MAX_DAYS) throw new ValidationFailed({ from: `the range must be at most ${MAX_DAYS} days` });
    const days = Array.from({ length }, (_, i) => utcDay(new Date(from.getTime() + i * DAY_MS)));

    const liveFrom = utcDay(new Date(dayStart(utcDay(now)).getTime() - DAY_MS));
    const finished = days.filter((day) => day < liveFrom);
    const live = days.filter((day) => day >= liveFrom);
    const [stored, recent, totals] = await Promise.all([this.finishedDays(finished), this.count(live), this.totals()]);
    const daily = days.map((date) => {
      const counts = stored.get(date) ?? recent.get(date) ?? {};
      return {
        date,
        ...Object.fromEntries(DAILY_METRICS.map((metric) => [metric, counts[metric] ?? 0])),
      } as DailyPoint;
    });
    return { range: { from: days[0], to: days.at(-1)! }, totals, daily };
  }

  /** Finished days from stats_daily, computing (and keeping) any not seen before. */
  private async finishedDays(days: string[]): Promise<DayCounts> {
    if (days.length === 0) return new Map();
    const { counts, complete } = await this.stats.storedDays(days[0], days.at(-1)!);
    const missing = days.filter((day) => !complete.has(day));
    if (missing.length === 0) return counts;
    const computed = await this.count(missing);
    await this.stats.storeDays(missing, computed);
    for (const day of missing) counts.set(day, computed.get(day) ?? {});
    return counts;
  }

  /** Live counts for the span of these (ascending) days: one grouped range query per metric. */
  private async count(days: string[]): Promise<DayCounts> {
    const counts: DayCounts = new Map();
    if (days.length === 0) return counts;
    const from = dayStart(days[0]);
    const end = new Date(dayStart(days.at(-1)!).getTime() + DAY_MS);
    const series = await Promise.all(DAILY_METRICS.map((metric) => this.stats.countByDay(metric, from, end)));
    DAILY_METRICS.forEach((metric, i) => {
      for (const [day, n] of series[i]) counts.set(day, { ...counts.get(day), [metric]: n });
    });
    return counts;
  }

  private totals(): Promise<Stats['totals']> {
    const now = Date.now();
    if (!this.cachedTotals || now - this.cachedTotals.at > TOTALS_TTL_MS) {
      const value = this.countTotals();
      this.cachedTotals = { at: now, value };
      value.catch(() => (this.cachedTotals = undefined));
    }
    return this.cachedTotals.value;
  }

  private async countTotals(): Promise<Stats['totals']> {
    const [submissions, subscribers, emails] = await Promise.all([
      this.stats.countSubmissions(),
      this.stats.countByStatus('subscribers', ['pending', 'confirmed', 'unsubscribed'] as const),
      this.stats.countByStatus('outbox_jobs', ['pending', 'sent', 'failed', 'skipped'] as const),
    ]);
    return { submissions, subscribers, emails };
  }
}
