import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../components/page-states';
import { ApiError } from '../lib/api-client';
import { loginPath, SessionProvider, useSessionQuery } from '../lib/session';

/** Everything below needs a session; without one, sign in first and come back here afterwards. */
export function RequireSession() {
  const location = useLocation();
  const session = useSessionQuery();
  if (session.isPending) return <LoadingState label="Checking your session…" />;
  if (session.error instanceof ApiError && session.error.status === 401)
    return <Navigate to={loginPath(`${location.pathname}${location.search}`)} replace />;
  if (session.error) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  return (
    <SessionProvider session={session.data}>
      <Outlet />
    </SessionProvider>
  );
}
