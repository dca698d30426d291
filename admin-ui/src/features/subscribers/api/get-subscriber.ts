import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export type SubscriberDetail = Schema<'SubscriberDetailDto'>;

export const getSubscriber = (id: number) => apiRequest<SubscriberDetail>(`/admin/api/newsletter/${id}`);

export const subscriberQuery = (id: number) =>
  queryOptions({ queryKey: ['subscribers', 'detail', id], queryFn: () => getSubscriber(id) });

export const useSubscriber = (id: number | undefined) =>
  useQuery({ ...subscriberQuery(id ?? 0), enabled: id !== undefined });
