import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, setCsrfToken } from '../../../lib/api-client';
import type { SessionInfo } from '../../../lib/session';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export const login = (credentials: Credentials) =>
  apiRequest<SessionInfo>('/auth/login', { method: 'POST', body: credentials });

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      setCsrfToken(session.csrf_token);
      client.setQueryData(['session'], session);
    },
  });
}
