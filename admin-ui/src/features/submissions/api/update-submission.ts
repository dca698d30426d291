import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';
import type { Submission } from './list-submissions';

export const updateSubmission = (id: number, change: Schema<'ContactStatusUpdateDto'>) =>
  apiRequest<Submission>(`/admin/api/contact/${id}`, { method: 'PATCH', body: change });

export function useUpdateSubmission() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: number } & Schema<'ContactStatusUpdateDto'>) => updateSubmission(id, change),
    onSuccess: () => client.invalidateQueries({ queryKey: ['submissions'] }),
  });
}
