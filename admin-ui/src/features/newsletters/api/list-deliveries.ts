import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { QueryOf } from '../../../lib/api-types';
import type { Page } from '../../../lib/page';
import type { DeliveryStatus } from './get-newsletter';

export interface Delivery {
  readonly id: number;
  readonly subscriber_id: number;
  readonly email: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly smtp_response: string | null;
  readonly message_id: string | null;
  /** Milliseconds since the epoch. */
  readonly finished_at: number | null;
}

export type DeliveryListQuery = QueryOf<'NewslettersController_deliveries'>;

export const listDeliveries = (id: number, query: DeliveryListQuery) =>
  apiRequest<Page<Delivery>>(`/admin/api/newsletters/${id}/deliveries`, { query });

export const deliveriesQuery = (id: number, query: DeliveryListQuery) =>
  queryOptions({
    queryKey: ['newsletters', 'deliveries', id, query],
    queryFn: () => listDeliveries(id, query),
    placeholderData: keepPreviousData,
  });

export const useDeliveries = (id: number, query: DeliveryListQuery, live: boolean) =>
  useQuery({ ...deliveriesQuery(id, query), refetchInterval: live ? 3000 : false });
