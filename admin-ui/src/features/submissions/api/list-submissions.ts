import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, withQuery } from '../../../lib/api-client';
import type { QueryOf, Schema } from '../../../lib/api-types';

export type SubmissionStatus = Schema<'ContactSubmissionViewDto'>['status'];
export const SUBMISSION_STATUSES: readonly SubmissionStatus[] = ['new', 'read', 'archived', 'spam'];

export type Submission = Schema<'ContactSubmissionViewDto'>;

export type SubmissionListQuery = QueryOf<'ContactAdminController_list'>;

export const listSubmissions = (query: SubmissionListQuery) =>
  apiRequest<Schema<'ContactSubmissionPageDto'>>('/admin/api/contact', { query });

export const submissionsQuery = (query: SubmissionListQuery) =>
  queryOptions({
    queryKey: ['submissions', 'list', query],
    queryFn: () => listSubmissions(query),
    placeholderData: keepPreviousData,
  });

export const useSubmissions = (query: SubmissionListQuery) => useQuery(submissionsQuery(query));

/** The CSV export of the same filter (a plain download: the browser sends the session cookie). */
export function submissionsExportUrl(query: SubmissionListQuery): string {
  const { page: _page, per_page: _perPage, cursor: _cursor, ...filter } = query;
  return withQuery('/admin/api/contact/export.csv', filter);
}
