import type { ReactNode } from 'react';
import { SessionRoot } from './_components/session-root';

/**
 * Routes that know the session: /login and the signed-in app. One provider above both keeps the
 * in-memory token across the navigation from /login into the app. /status stays outside it.
 */
export default function SessionLayout({ children }: { children: ReactNode }) {
  return <SessionRoot>{children}</SessionRoot>;
}
