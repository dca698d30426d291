import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export const sendTest = (id: number, request: Schema<'NewsletterTestDto'>) =>
  apiRequest<Schema<'TestSendResultDto'>>(`/admin/api/newsletters/${id}/test`, { method: 'POST', body: request });

export function useSendTest() {
  return useMutation({ mutationFn: ({ id, emails }: { id: number; emails: string[] }) => sendTest(id, { emails }) });
}
