import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

interface StatsTotals {
  readonly totals: { readonly subscribers: { readonly confirmed: number } };
}

/** Confirmed subscribers now: who a send would reach (suppressed addresses are still skipped at send time). */
export const audienceSizeQuery = queryOptions({
  queryKey: ['newsletters', 'audience'],
  queryFn: async () => (await apiRequest<StatsTotals>('/admin/api/stats')).totals.subscribers.confirmed,
  staleTime: 0,
});

export const useAudienceSize = () => useQuery(audienceSizeQuery);
