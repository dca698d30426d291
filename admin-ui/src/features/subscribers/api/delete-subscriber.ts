import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const deleteSubscriber = (id: number) => apiRequest<void>(`/admin/api/newsletter/${id}`, { method: 'DELETE' });

export function useDeleteSubscriber() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteSubscriber,
    onSuccess: () => client.invalidateQueries({ queryKey: ['subscribers'] }),
  });
}
