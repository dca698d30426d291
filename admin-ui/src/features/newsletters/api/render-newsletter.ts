import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { NewsletterContent } from './save-newsletter';
import type { Schema } from '../../../lib/api-types';

export type RenderedNewsletter = Schema<'RenderedNewsletterDto'>;

/** The server renders (the same code that sends), so the preview is exactly the email. */
export const renderNewsletter = (content: NewsletterContent, signal?: AbortSignal) =>
  apiRequest<RenderedNewsletter>('/admin/api/newsletters/render', { method: 'POST', body: content, signal });

export const renderQuery = (content: NewsletterContent) =>
  queryOptions({
    queryKey: ['newsletters', 'render', content],
    queryFn: ({ signal }) => renderNewsletter(content, signal),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });

export const useRenderedNewsletter = (content: NewsletterContent) =>
  useQuery({ ...renderQuery(content), enabled: content.subject.trim() !== '' && content.body.trim() !== '' });
