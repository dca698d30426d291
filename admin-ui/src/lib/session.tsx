import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { apiRequest, setCsrfToken, setUnauthenticatedHandler } from './api-client';
import type { Schema } from './api-types';

/** The signed-in admin and the session's CSRF token, as the API documents them. */
export type SessionInfo = Schema<'SessionDto'>;
export type AdminUser = Schema<'AdminUserDto'>;
export type AdminRole = AdminUser['role'];

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async () => {
    const session = await apiRequest<SessionInfo>('/auth/session');
    setCsrfToken(session.csrf_token);
    return session;
  },
  retry: false,
  staleTime: Infinity,
});

/** Where the sign-in page sends you back to afterwards. */
export function loginPath(next: string): string {
  return next && next !== '/' && !next.startsWith('/login') ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

const SessionContext = createContext<SessionInfo | undefined>(undefined);

export function SessionProvider({ session, children }: { session: SessionInfo; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in admin; only used below the session gate, where there always is one. */
export function useSession(): SessionInfo & { canWrite: boolean; isOwner: boolean } {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in area');
  return { ...session, canWrite: session.user.role !== 'viewer', isOwner: session.user.role === 'owner' };
}

/** The current session, and a 401 from any call (an expired session) leads back to sign-in, then here again. */
export function useSessionQuery() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(undefined);
      client.removeQueries({ queryKey: ['session'] });
      client.clear();
      void navigate(loginPath(here), { replace: true });
    });
    return () => setUnauthenticatedHandler(undefined);
  }, [client, navigate, here]);
  return useQuery(sessionQuery);
}
