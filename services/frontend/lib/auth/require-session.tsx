'use client';
/**
 * The guard of every signed-in screen: while the session is being restored it shows `fallback`;
 * a visitor who is not signed in is sent to `/login?next=<this page>`.
 * @module
 */
import { useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { useSession } from './auth-provider';
import { loginHref } from './login-redirect';

export function RequireSession({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const { status } = useSession();
  const router = useRouter();
  useEffect(() => {
    if (status === 'signed_out') {
      const { pathname, search, hash } = window.location;
      router.replace(loginHref(`${pathname}${search}${hash}`));
    }
  }, [status, router]);
  return status === 'signed_in' ? children : fallback;
}
