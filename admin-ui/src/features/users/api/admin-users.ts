import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Schema } from '../../../lib/api-types';

export type AdminAccount = Schema<'AdminAccountDto'>;

export const listAdmins = () => apiRequest<AdminAccount[]>('/admin/api/users');
export const createAdmin = (account: Schema<'AdminUserCreateDto'>) =>
  apiRequest<AdminAccount>('/admin/api/users', { method: 'POST', body: account });
export const updateAdmin = (id: number, change: Schema<'AdminUserUpdateDto'>) =>
  apiRequest<AdminAccount>(`/admin/api/users/${id}`, { method: 'PATCH', body: change });
export const resetAdminPassword = (id: number, reset: Schema<'PasswordResetDto'>) =>
  apiRequest<void>(`/admin/api/users/${id}/password`, { method: 'POST', body: reset });
export const deleteAdmin = (id: number) => apiRequest<void>(`/admin/api/users/${id}`, { method: 'DELETE' });

export const adminsQuery = queryOptions({ queryKey: ['admins'], queryFn: listAdmins });
export const useAdmins = () => useQuery(adminsQuery);

function useAdminMutation<A>(mutationFn: (args: A) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: ['admins'] }) });
}

export const useCreateAdmin = () => useAdminMutation(createAdmin);
export const useUpdateAdmin = () =>
  useAdminMutation(({ id, change }: { id: number; change: Schema<'AdminUserUpdateDto'> }) => updateAdmin(id, change));
export const useResetAdminPassword = () =>
  useAdminMutation(({ id, password }: { id: number; password: string }) => resetAdminPassword(id, { password }));
export const useDeleteAdmin = () => useAdminMutation(deleteAdmin);
