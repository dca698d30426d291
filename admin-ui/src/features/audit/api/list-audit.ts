import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { QueryOf } from '../../../lib/api-types';
import type { Page } from '../../../lib/page';

export interface AuditEntry {
  readonly id: number;
  readonly actor: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly details: Record<string, unknown> | null;
  readonly ip: string | null;
  readonly created_at: string;
}

export type AuditListQuery = QueryOf<'AuditController_list'>;

export const listAudit = (query: AuditListQuery) => apiRequest<Page<AuditEntry>>('/admin/api/audit', { query });

export const auditQuery = (query: AuditListQuery) =>
  queryOptions({ queryKey: ['audit', query], queryFn: () => listAudit(query), placeholderData: keepPreviousData });

export const useAudit = (query: AuditListQuery) => useQuery(auditQuery(query));
