import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export type NewsletterContent = Schema<'NewsletterCreateDto'>;

export const createNewsletter = (content: NewsletterContent) =>
  apiRequest<Schema<'NewsletterViewDto'>>('/admin/api/newsletters', { method: 'POST', body: content });

export const updateNewsletter = (id: number, content: Schema<'NewsletterUpdateDto'>) =>
  apiRequest<Schema<'NewsletterViewDto'>>(`/admin/api/newsletters/${id}`, { method: 'PATCH', body: content });

/** Creates a draft, or saves an existing one when an id is given. */
export function useSaveNewsletter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, content }: { id?: number; content: NewsletterContent }) =>
      id === undefined ? createNewsletter(content) : updateNewsletter(id, content),
    onSuccess: () => client.invalidateQueries({ queryKey: ['newsletters'] }),
  });
}
