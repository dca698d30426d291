import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { QueryOf, Schema } from '../../../lib/api-types';

export type NewsletterStatus = Schema<'NewsletterViewDto'>['status'];
export const NEWSLETTER_STATUSES: readonly NewsletterStatus[] = [
  'draft',
  'scheduled',
  'sending',
  'paused',
  'sent',
  'cancelled',
  'failed',
];
export const STATUS_COLOR: Record<NewsletterStatus, string> = {
  draft: 'gray',
  scheduled: 'violet',
  sending: 'blue',
  paused: 'yellow',
  sent: 'teal',
  cancelled: 'gray',
  failed: 'red',
};

export type Newsletter = Schema<'NewsletterViewDto'>;

export type NewsletterListQuery = QueryOf<'NewsletterAdminController_list'>;

export const listNewsletters = (query: NewsletterListQuery) =>
  apiRequest<Schema<'NewsletterPageDto'>>('/admin/api/newsletters', { query });

export const newslettersQuery = (query: NewsletterListQuery) =>
  queryOptions({
    queryKey: ['newsletters', 'list', query],
    queryFn: () => listNewsletters(query),
    placeholderData: keepPreviousData,
  });

export const useNewsletters = (query: NewsletterListQuery) => useQuery(newslettersQuery(query));
