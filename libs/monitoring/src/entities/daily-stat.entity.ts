import { column, defineTable } from '@mailroom/platform';

/** A finished day's count of one metric, kept once computed so the dashboard's series stay cheap. */
export interface DailyStat {
  /** YYYY-MM-DD (UTC). */
  day: string;
  metric: string;
  n: number;
}

export const STATS_DAILY = defineTable<DailyStat>({
  name: 'stats_daily',
  columns: {
    day: column.varchar(10, { primary: true }),
    metric: column.varchar(32, { primary: true }),
    n: column.integer(),
  },
  primaryKeyName: 'pk_stats_daily',
});
