import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, withQuery } from '../../../lib/api-client';
import type { QueryOf, Schema } from '../../../lib/api-types';

export type SubscriberStatus = Subscriber['status'];
export const SUBSCRIBER_STATUSES: readonly SubscriberStatus[] = ['pending', 'confirmed', 'unsubscribed'];

export type Subscriber = Schema<'SubscriberViewDto'>;

export type SubscriberListQuery = QueryOf<'SubscriberAdminController_list'>;

export const listSubscribers = (query: SubscriberListQuery) =>
  apiRequest<Schema<'SubscriberPageDto'>>('/admin/api/newsletter', { query });

export const subscribersQuery = (query: SubscriberListQuery) =>
  queryOptions({
    queryKey: ['subscribers', 'list', query],
    queryFn: () => listSubscribers(query),
    placeholderData: keepPreviousData,
  });

export const useSubscribers = (query: SubscriberListQuery) => useQuery(subscribersQuery(query));

export function subscribersExportUrl(query: SubscriberListQuery): string {
  const { page: _page, per_page: _perPage, cursor: _cursor, ...filter } = query;
  return withQuery('/admin/api/newsletter/export.csv', filter);
}
