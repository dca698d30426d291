import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

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

/** The last `days` UTC days, today included. */
export function rangeOf(days: number, now = new Date()): { from: string; to: string } {
  const from = new Date(now.getTime() - (days - 1) * 86_400_000);
  return { from: utcDay(from), to: utcDay(now) };
}

export const getStats = (range: { from: string; to: string }) =>
  apiRequest<Stats>('/admin/api/stats', { query: range });

export const statsQuery = (days: number) => {
  const range = rangeOf(days);
  return queryOptions({ queryKey: ['stats', range], queryFn: () => getStats(range), refetchInterval: 30_000 });
};

export const useStats = (days: number) => useQuery(statsQuery(days));
