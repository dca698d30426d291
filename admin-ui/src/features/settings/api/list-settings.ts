import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type SettingValue = string | number | boolean | string[] | null;

export interface Setting {
  readonly key: string;
  readonly group: string;
  readonly type: 'string' | 'url' | 'email' | 'emails' | 'origins' | 'field' | 'integer' | 'boolean';
  readonly description: string;
  readonly value: SettingValue;
  readonly source: 'default' | 'environment' | 'database';
  readonly editable: boolean;
  readonly secret: boolean;
}

export const listSettings = () => apiRequest<Setting[]>('/admin/api/settings');

export const settingsQuery = queryOptions({ queryKey: ['settings'], queryFn: listSettings });

export const useSettings = () => useQuery(settingsQuery);
