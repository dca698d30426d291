import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export const retryMail = (id: number) =>
  apiRequest<Schema<'OutboxRetryDto'>>(`/admin/api/outbox/${id}/retry`, { method: 'POST' });

export function useRetryMail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: retryMail,
    onSuccess: () => client.invalidateQueries({ queryKey: ['outbox'] }),
  });
}
