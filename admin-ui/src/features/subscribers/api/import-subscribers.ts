import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export type ImportAction = 'create' | 'update' | 'unchanged' | 'resubscribe' | 'skip';

export interface ImportReport {
  readonly dry_run: boolean;
  readonly summary: Record<ImportAction | 'invalid' | 'confirmations', number>;
  readonly rows: {
    readonly row: number;
    readonly email: string;
    readonly action: ImportAction;
    readonly reason?: string;
  }[];
  readonly errors: { readonly row: number; readonly field: string; readonly message: string }[];
}

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
