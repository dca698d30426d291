import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export interface AudienceSize {
  readonly count: number;
  /** False when the server estimated (more than 10,000 on PostgreSQL). */
  readonly exact: boolean;
}

/** Confirmed subscribers right now: who a send would reach (suppressed addresses are still skipped at send time). */
export const audienceSizeQuery = queryOptions({
  queryKey: ['subscribers', 'audience'],
  queryFn: async (): Promise<AudienceSize> => {
    const page = await apiRequest<Schema<'SubscriberPageDto'>>('/admin/api/newsletter', {
      query: { status: 'confirmed', per_page: 1 },
    });
    return { count: page.total, exact: page.total_exact };
  },
  staleTime: 0,
});

export const useAudienceSize = () => useQuery(audienceSizeQuery);
