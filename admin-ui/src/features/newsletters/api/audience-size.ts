import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export type AudienceFilter = NonNullable<Schema<'NewsletterCreateDto'>['audience']>;

/**
 * Exactly how many confirmed subscribers an audience filter (or none: everyone) reaches right now: the number the send
 * dialog confirms and the send must match (suppressed addresses are still skipped at send time).
 */
export const audienceSizeQuery = (audience: AudienceFilter | null | undefined) =>
  queryOptions({
    queryKey: ['subscribers', 'audience', audience ?? null],
    queryFn: ({ signal }) =>
      apiRequest<Schema<'AudienceCountDto'>>('/admin/api/newsletters/audience-count', {
        method: 'POST',
        body: { audience: audience ?? null },
        signal,
      }),
    staleTime: 0,
    retry: false,
  });

export const useAudienceSize = (audience: AudienceFilter | null | undefined) => useQuery(audienceSizeQuery(audience));
