import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export const deleteSubmission = (id: number) => apiRequest<void>(`/admin/api/contact/${id}`, { method: 'DELETE' });

export const deleteSubmissions = (ids: number[]) =>
  apiRequest<Schema<'ContactBulkDeleteResultDto'>>('/admin/api/contact/bulk-delete', { method: 'POST', body: { ids } });

/** One or many: a single id uses DELETE, several the bulk call. Either way the lists refresh. */
export function useDeleteSubmissions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (ids: number[]) =>
      ids.length === 1 ? deleteSubmission(ids[0]).then(() => ({ deleted: 1 })) : deleteSubmissions(ids),
    // Lists refresh; an open detail of a deleted row is not refetched into a 404 (its panel is closing).
    onSuccess: () =>
      client.invalidateQueries({ queryKey: ['submissions'], predicate: (query) => query.queryKey[1] !== 'detail' }),
  });
}
