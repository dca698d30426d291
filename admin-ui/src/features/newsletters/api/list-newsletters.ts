import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { QueryOf } from '../../../lib/api-types';
import type { Page } from '../../../lib/page';

export type NewsletterStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'sent' | 'cancelled' | 'failed';
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

export interface Newsletter {
  readonly id: number;
  readonly subject: string;
  readonly preheader: string | null;
  readonly body: string;
  readonly format: 'markdown' | 'html';
  readonly status: NewsletterStatus;
  readonly send_at: string | null;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly audience_count: number;
  readonly failure_reason: string | null;
  readonly created_by: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export type NewsletterListQuery = QueryOf<'NewslettersController_list'>;

export const listNewsletters = (query: NewsletterListQuery) =>
  apiRequest<Page<Newsletter>>('/admin/api/newsletters', { query });

export const newslettersQuery = (query: NewsletterListQuery) =>
  queryOptions({
    queryKey: ['newsletters', 'list', query],
    queryFn: () => listNewsletters(query),
    placeholderData: keepPreviousData,
  });

export const useNewsletters = (query: NewsletterListQuery) => useQuery(newslettersQuery(query));
