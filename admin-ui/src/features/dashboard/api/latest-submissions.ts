import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/page';

export interface LatestSubmission {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly status: string;
  readonly created_at: string;
}

export const latestSubmissionsQuery = queryOptions({
  queryKey: ['submissions', 'latest'],
  queryFn: () =>
    apiRequest<Page<LatestSubmission>>('/admin/api/contact', {
      query: { per_page: 5, sort_by: 'created_at', sort_order: 'desc' },
    }),
  refetchInterval: 30_000,
});

export const useLatestSubmissions = () => useQuery(latestSubmissionsQuery);
