import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { FullPageSpin } from '../components/FullPageSpin.js';
import { AppLayout } from './AppLayout.js';
import { SessionProvider, useMe } from './session.js';

/** The signed-in part of the app: asks /auth/me once; without a session, to the sign-in page and back. */
export function RequireAuth() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (error) {
    return (
      <div className="tandem-centered">
        <div style={{ maxWidth: 520, width: '100%' }}>
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        </div>
      </div>
    );
  }
  if (!me) {
    const here = `${location.pathname}${location.search}`;
    const to = here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
    return <Navigate to={to} replace />;
  }
  return (
    <SessionProvider value={me}>
      <AppLayout />
    </SessionProvider>
  );
}
