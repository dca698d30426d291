import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export type ImportReport = Schema<'SubscriberImportReportDto'>;

export const importSubscribers = (request: Schema<'SubscriberImportDto'>) =>
  apiRequest<ImportReport>('/admin/api/newsletter/import', { method: 'POST', body: request });

export function useImportSubscribers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: importSubscribers,
    onSuccess: (report) => {
      if (!report.dry_run) void client.invalidateQueries({ queryKey: ['subscribers'] });
    },
  });
}
