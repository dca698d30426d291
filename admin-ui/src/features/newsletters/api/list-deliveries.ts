import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { QueryOf, Schema } from '../../../lib/api-types';

export type Delivery = Schema<'DeliveryViewDto'>;

export type DeliveryListQuery = QueryOf<'NewsletterAdminController_deliveries'>;

export const listDeliveries = (id: number, query: DeliveryListQuery) =>
  apiRequest<Schema<'DeliveryPageDto'>>(`/admin/api/newsletters/${id}/deliveries`, { query });

export const deliveriesQuery = (id: number, query: DeliveryListQuery) =>
  queryOptions({
    queryKey: ['newsletters', 'deliveries', id, query],
    queryFn: () => listDeliveries(id, query),
    placeholderData: keepPreviousData,
  });

export const useDeliveries = (id: number, query: DeliveryListQuery, live: boolean) =>
  useQuery({ ...deliveriesQuery(id, query), refetchInterval: live ? 3000 : false });
