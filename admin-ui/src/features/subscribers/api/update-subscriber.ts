import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

/** The generated type says `Record<string, never>` for free-form JSON; metadata is any JSON object. */
export type SubscriberUpdate = Omit<Schema<'SubscriberUpdateDto'>, 'metadata'> & {
  metadata?: Record<string, unknown> | null;
};

export const updateSubscriber = (id: number, change: SubscriberUpdate) =>
  apiRequest<Schema<'SubscriberViewDto'>>(`/admin/api/newsletter/${id}`, { method: 'PATCH', body: change });

export function useUpdateSubscriber() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: SubscriberUpdate }) => updateSubscriber(id, change),
    onSuccess: () => client.invalidateQueries({ queryKey: ['subscribers'] }),
  });
}
