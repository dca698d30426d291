import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Subscriber } from './list-subscribers';

export interface SubscriberDelivery {
  readonly newsletter_id: number;
  readonly status: string;
  readonly finished_at: string | null;
}

export type SubscriberDetail = Subscriber & { readonly deliveries: SubscriberDelivery[] };

export const getSubscriber = (id: number) => apiRequest<SubscriberDetail>(`/admin/api/newsletter/${id}`);

export const subscriberQuery = (id: number) =>
  queryOptions({ queryKey: ['subscribers', 'detail', id], queryFn: () => getSubscriber(id) });

export const useSubscriber = (id: number | undefined) =>
  useQuery({ ...subscriberQuery(id ?? 0), enabled: id !== undefined });
