import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { QueryOf, Schema } from '../../../lib/api-types';

export type AuditEntry = Schema<'AuditEntryDto'>;

export type AuditListQuery = QueryOf<'AuditController_list'>;

export const listAudit = (query: AuditListQuery) => apiRequest<Schema<'AuditPageDto'>>('/admin/api/audit', { query });

export const auditQuery = (query: AuditListQuery) =>
  queryOptions({ queryKey: ['audit', query], queryFn: () => listAudit(query), placeholderData: keepPreviousData });

export const useAudit = (query: AuditListQuery) => useQuery(auditQuery(query));
