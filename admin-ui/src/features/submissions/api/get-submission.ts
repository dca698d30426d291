import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Submission } from './list-submissions';

export const getSubmission = (id: number) => apiRequest<Submission>(`/admin/api/contact/${id}`);

export const submissionQuery = (id: number) =>
  queryOptions({ queryKey: ['submissions', 'detail', id], queryFn: () => getSubmission(id) });

export const useSubmission = (id: number | undefined) =>
  useQuery({ ...submissionQuery(id ?? 0), enabled: id !== undefined });
