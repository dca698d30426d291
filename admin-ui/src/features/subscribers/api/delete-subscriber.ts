import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const deleteSubscriber = (id: number) => apiRequest<void>(`/admin/api/newsletter/${id}`, { method: 'DELETE' });

export function useDeleteSubscriber() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteSubscriber,
    // Lists refresh; the deleted subscriber's open detail is not refetched into a 404 (its panel is closing).
    onSuccess: () =>
      client.invalidateQueries({ queryKey: ['subscribers'], predicate: (query) => query.queryKey[1] !== 'detail' }),
  });
}
