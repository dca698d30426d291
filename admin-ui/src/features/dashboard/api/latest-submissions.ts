import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export const latestSubmissionsQuery = queryOptions({
  queryKey: ['submissions', 'latest'],
  queryFn: () =>
    apiRequest<Schema<'ContactSubmissionPageDto'>>('/admin/api/contact', {
      query: { per_page: 5, sort_by: 'created_at', sort_order: 'desc' },
    }),
  refetchInterval: 30_000,
});

export const useLatestSubmissions = () => useQuery(latestSubmissionsQuery);
