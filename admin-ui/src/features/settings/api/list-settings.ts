import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export type Setting = Schema<'SettingViewDto'>;
export type SettingValue = Setting['value'];

export const listSettings = () => apiRequest<Setting[]>('/admin/api/settings');

export const settingsQuery = queryOptions({ queryKey: ['settings'], queryFn: listSettings });

export const useSettings = () => useQuery(settingsQuery);
