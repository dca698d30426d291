import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';
import type { NewsletterStatus } from './list-newsletters';

export type NewsletterDetail = Schema<'NewsletterDetailDto'>;
export type NewsletterProgress = Schema<'NewsletterProgressDto'>;
export type DeliveryStatus = Schema<'DeliveryViewDto'>['status'];

export const FINAL_STATUSES: readonly NewsletterStatus[] = ['sent', 'cancelled', 'failed'];

export const getNewsletter = (id: number) => apiRequest<NewsletterDetail>(`/admin/api/newsletters/${id}`);

export const newsletterQuery = (id: number) =>
  queryOptions({ queryKey: ['newsletters', 'detail', id], queryFn: () => getNewsletter(id) });

export const useNewsletter = (id: number | undefined) =>
  useQuery({ ...newsletterQuery(id ?? 0), enabled: id !== undefined });
