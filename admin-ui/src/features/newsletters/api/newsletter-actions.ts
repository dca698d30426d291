import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export type LifecycleAction = 'pause' | 'resume' | 'cancel';

export const sendNewsletter = (id: number, request: Schema<'NewsletterSendDto'>) =>
  apiRequest<Schema<'NewsletterViewDto'>>(`/admin/api/newsletters/${id}/send`, { method: 'POST', body: request });

export const changeLifecycle = (id: number, action: LifecycleAction) =>
  apiRequest<Schema<'NewsletterViewDto'>>(`/admin/api/newsletters/${id}/${action}`, { method: 'POST' });

export function useSendNewsletter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, sendAt, expectedAudience }: { id: number; sendAt?: string; expectedAudience?: number }) =>
      sendNewsletter(id, {
        ...(sendAt ? { send_at: sendAt } : {}),
        ...(expectedAudience !== undefined ? { expected_audience: expectedAudience } : {}),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['newsletters'] }),
    // Sent or refused (the audience changed since it was counted): the next confirmation counts afresh.
    onSettled: () => client.invalidateQueries({ queryKey: ['subscribers', 'audience'] }),
  });
}

export function useLifecycle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: LifecycleAction }) => changeLifecycle(id, action),
    onSuccess: () => client.invalidateQueries({ queryKey: ['newsletters'] }),
  });
}

export const setInArchive = (id: number, inArchive: boolean) =>
  apiRequest<Schema<'NewsletterViewDto'>>(`/admin/api/newsletters/${id}/archive`, {
    method: 'PUT',
    body: { in_archive: inArchive } satisfies Schema<'NewsletterArchiveDto'>,
  });

export const duplicateNewsletter = (id: number) =>
  apiRequest<Schema<'NewsletterViewDto'>>(`/admin/api/newsletters/${id}/duplicate`, { method: 'POST' });

export function useSetInArchive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, inArchive }: { id: number; inArchive: boolean }) => setInArchive(id, inArchive),
    onSuccess: () => client.invalidateQueries({ queryKey: ['newsletters'] }),
  });
}

export function useDuplicateNewsletter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => duplicateNewsletter(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['newsletters'] }),
  });
}
