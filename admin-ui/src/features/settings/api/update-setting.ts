import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';
import type { SettingValue } from './list-settings';

export const updateSetting = (key: string, value: SettingValue) =>
  apiRequest<Schema<'SettingViewDto'>>(`/admin/api/settings/${encodeURIComponent(key)}`, {
    method: 'PUT',
    body: { value },
  });

export const resetSetting = (key: string) =>
  apiRequest<Schema<'SettingViewDto'>>(`/admin/api/settings/${encodeURIComponent(key)}`, { method: 'DELETE' });

export function useUpdateSetting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, value }: { key: string; value: SettingValue }) => updateSetting(key, value),
    onSuccess: () => client.invalidateQueries({ queryKey: ['settings'] }),
  });
}

export function useResetSetting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: resetSetting,
    onSuccess: () => client.invalidateQueries({ queryKey: ['settings'] }),
  });
}
