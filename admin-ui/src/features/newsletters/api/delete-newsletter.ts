import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const deleteNewsletter = (id: number) => apiRequest<void>(`/admin/api/newsletters/${id}`, { method: 'DELETE' });

export function useDeleteNewsletter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteNewsletter,
    onSuccess: () => client.invalidateQueries({ queryKey: ['newsletters', 'list'] }),
  });
}
