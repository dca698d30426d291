import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, setCsrfToken } from '../../../lib/api-client';

export const logout = () => apiRequest<void>('/auth/logout', { method: 'POST' });

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      setCsrfToken(undefined);
      client.clear();
    },
  });
}
