import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface PasswordChange {
  readonly current_password: string;
  readonly new_password: string;
}

export const changePassword = (change: PasswordChange) =>
  apiRequest<void>('/auth/password', { method: 'POST', body: change });

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
