import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export type Stats = Schema<'StatsDto'>;
export type DailyPoint = Schema<'DailyPointDto'>;

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
