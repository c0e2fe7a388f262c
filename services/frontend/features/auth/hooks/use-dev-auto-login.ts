'use client';

import { useEffect, useState } from 'react';
import { useAuth, useSession, type AuthActions } from '@/lib/auth';
import { abortableSleep, autoDevLogin, isDevLoginSuppressed } from '@/lib/auth/dev-login';

export type DevLoginState =
  { phase: 'off' } | { phase: 'trying'; attempt: number } | { phase: 'failed'; error: unknown };

function tabStorage(): Storage | undefined {
  return typeof window === 'undefined' ? undefined : window.sessionStorage;
}

/** Runs the auto-login until it signs in, fails, or `controller` aborts (the page unmounts). */
function runAutoLogin(
  actions: AuthActions,
  controller: AbortController,
  report: (state: DevLoginState) => void,
) {
  autoDevLogin({
    devLogin: () => actions.authApi.devLogin(),
    sleep: abortableSleep,
    signal: controller.signal,
    onRetry: (_error, attempt) => {
      report({ phase: 'trying', attempt: attempt + 1 });
    },
  }).then(actions.accept, (error: unknown) => {
    if (!controller.signal.aborted) {
      report({ phase: 'failed', error });
    }
  });
}

/**
 * In development, signs the development account in by itself (retrying with backoff while the
 * auth service starts) — unless the person signed out on purpose in this tab.
 */
export function useDevAutoLogin(enabled: boolean): DevLoginState {
  const actions = useAuth();
  const { status } = useSession();
  const [state, setState] = useState<DevLoginState>({ phase: 'off' });
  const shouldRun = enabled && status === 'signed_out' && !isDevLoginSuppressed(tabStorage());
  useEffect(() => {
    if (!shouldRun) {
      return undefined;
    }
    const controller = new AbortController();
    runAutoLogin(actions, controller, setState);
    return () => {
      controller.abort();
    };
  }, [shouldRun, actions]);
  return shouldRun && state.phase === 'off' ? { phase: 'trying', attempt: 0 } : state;
}
