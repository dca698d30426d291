import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export type Template = Schema<'TemplateViewDto'>;
export type TemplateInput = Schema<'TemplateCreateDto'>;
export type TemplateLayout = Schema<'TemplateLayoutDto'>;
export type RenderedSample = Schema<'RenderedNewsletterDto'>;

export const templatesQuery = queryOptions({
  queryKey: ['templates'],
  queryFn: () => apiRequest<Template[]>('/admin/api/templates'),
});

export const useTemplates = () => useQuery(templatesQuery);

export const useTemplate = (id: number | undefined) =>
  useQuery({
    queryKey: ['templates', id],
    queryFn: () => apiRequest<Template>(`/admin/api/templates/${id}`),
    enabled: id !== undefined,
  });

/** A sample issue through the layout as typed (the server renders it with the code that sends). */
export const useTemplatePreview = (layout: TemplateLayout) =>
  useQuery({
    queryKey: ['templates', 'preview', layout],
    queryFn: ({ signal }) =>
      apiRequest<RenderedSample>('/admin/api/templates/preview', { method: 'POST', body: layout, signal }),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
    enabled: layout.html.trim() !== '' && layout.text.trim() !== '',
  });

export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: TemplateInput }) =>
      id === undefined
        ? apiRequest<Template>('/admin/api/templates', { method: 'POST', body: input })
        : apiRequest<Template>(`/admin/api/templates/${id}`, { method: 'PATCH', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['templates'] }),
  });
}

export function useDeleteTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest<void>(`/admin/api/templates/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['templates'] }),
  });
}
