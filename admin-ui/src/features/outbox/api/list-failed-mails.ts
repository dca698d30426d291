import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { QueryOf, Schema } from '../../../lib/api-types';

export type FailedMail = Schema<'OutboxJobDto'>;

export type FailedMailQuery = QueryOf<'OutboxAdminController_list'>;

export const listFailedMails = (query: FailedMailQuery) =>
  apiRequest<Schema<'OutboxPageDto'>>('/admin/api/outbox', { query });

export const failedMailsQuery = (query: FailedMailQuery) =>
  queryOptions({
    queryKey: ['outbox', query],
    queryFn: () => listFailedMails(query),
    placeholderData: keepPreviousData,
  });

export const useFailedMails = (query: FailedMailQuery) => useQuery(failedMailsQuery(query));
