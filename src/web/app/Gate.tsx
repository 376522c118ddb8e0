import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { can, homePath, type Capability } from './abilities.js';
import { NotFoundPage } from './NotFoundPage.js';
import { useSession } from './session.js';

/** A page for those who hold a capability; to others it does not exist (as the API answers 404). */
export function Gate({ capability, children }: { capability: Capability; children: ReactNode }) {
  const me = useSession();
  return can(me, capability) ? <>{children}</> : <NotFoundPage />;
}

export function HomeRedirect() {
  const me = useSession();
  return <Navigate to={homePath(me)} replace />;
}
