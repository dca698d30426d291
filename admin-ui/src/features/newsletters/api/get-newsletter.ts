import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Newsletter, NewsletterStatus } from './list-newsletters';

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped' | 'bounced';

export interface NewsletterProgress {
  readonly status: NewsletterStatus;
  readonly audience: number;
  readonly counts: Record<DeliveryStatus, number>;
  readonly percent: number;
  readonly rate_per_second: number | null;
  readonly eta_seconds: number | null;
}

export type NewsletterDetail = Newsletter & { readonly progress: NewsletterProgress };

export const FINAL_STATUSES: readonly NewsletterStatus[] = ['sent', 'cancelled', 'failed'];

export const getNewsletter = (id: number) => apiRequest<NewsletterDetail>(`/admin/api/newsletters/${id}`);

export const newsletterQuery = (id: number) =>
  queryOptions({ queryKey: ['newsletters', 'detail', id], queryFn: () => getNewsletter(id) });

export const useNewsletter = (id: number | undefined) =>
  useQuery({ ...newsletterQuery(id ?? 0), enabled: id !== undefined });
