import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export const getSavedPreview = (id: number) =>
  apiRequest<Schema<'NewsletterPreviewDto'>>(`/admin/api/newsletters/${id}/preview`);

export const savedPreviewQuery = (id: number) =>
  queryOptions({ queryKey: ['newsletters', 'preview', id], queryFn: () => getSavedPreview(id) });

export const useSavedPreview = (id: number) => useQuery(savedPreviewQuery(id));
