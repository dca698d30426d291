import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, withQuery } from '../../../lib/api-client';
import type { QueryOf } from '../../../lib/api-types';
import type { Page } from '../../../lib/page';

export type SubmissionStatus = 'new' | 'read' | 'archived' | 'spam';
export const SUBMISSION_STATUSES: readonly SubmissionStatus[] = ['new', 'read', 'archived', 'spam'];

export interface Submission {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly message: string;
  readonly company: string | null;
  readonly timeline: string | null;
  readonly status: SubmissionStatus;
  readonly ip: string | null;
  readonly user_agent: string | null;
  readonly created_at: string;
}

export type SubmissionListQuery = QueryOf<'ContactAdminController_list'>;

export const listSubmissions = (query: SubmissionListQuery) =>
  apiRequest<Page<Submission>>('/admin/api/contact', { query });

export const submissionsQuery = (query: SubmissionListQuery) =>
  queryOptions({
    queryKey: ['submissions', 'list', query],
    queryFn: () => listSubmissions(query),
    placeholderData: keepPreviousData,
  });

export const useSubmissions = (query: SubmissionListQuery) => useQuery(submissionsQuery(query));

/** The CSV export of the same filter (a plain download: the browser sends the session cookie). */
export function submissionsExportUrl(query: SubmissionListQuery): string {
  const { page: _page, per_page: _perPage, ...filter } = query;
  return withQuery('/admin/api/contact/export.csv', filter);
}
