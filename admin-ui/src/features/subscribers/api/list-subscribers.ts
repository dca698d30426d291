import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, withQuery } from '../../../lib/api-client';
import type { QueryOf } from '../../../lib/api-types';
import type { Page } from '../../../lib/page';

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed';
export const SUBSCRIBER_STATUSES: readonly SubscriberStatus[] = ['pending', 'confirmed', 'unsubscribed'];

export interface Subscriber {
  readonly id: number;
  readonly email: string;
  readonly name: string | null;
  readonly status: SubscriberStatus;
  readonly source: string | null;
  readonly metadata: Record<string, unknown> | null;
  readonly consent: {
    readonly subscribed_at: string | null;
    readonly subscribe_ip: string | null;
    readonly confirmed_at: string | null;
    readonly confirm_ip: string | null;
    readonly unsubscribed_at: string | null;
    readonly unsubscribe_reason: string | null;
  };
  readonly created_at: string;
}

export type SubscriberListQuery = QueryOf<'SubscriberAdminController_list'>;

export const listSubscribers = (query: SubscriberListQuery) =>
  apiRequest<Page<Subscriber>>('/admin/api/newsletter', { query });

export const subscribersQuery = (query: SubscriberListQuery) =>
  queryOptions({
    queryKey: ['subscribers', 'list', query],
    queryFn: () => listSubscribers(query),
    placeholderData: keepPreviousData,
  });

export const useSubscribers = (query: SubscriberListQuery) => useQuery(subscribersQuery(query));

export function subscribersExportUrl(query: SubscriberListQuery): string {
  const { page: _page, per_page: _perPage, ...filter } = query;
  return withQuery('/admin/api/newsletter/export.csv', filter);
}
