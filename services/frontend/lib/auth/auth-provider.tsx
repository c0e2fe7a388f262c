'use client';
/**
 * The session of a browser tab for every screen below it: one TokenSession (access token in
 * memory, silent refresh), the auth service's calls, and the backend's API client that carries the
 * token (`useApi`). On mount it tries one refresh: a visitor with a live `netra_refresh` cookie — a
 * reload, a new tab, the return from a provider's sign-in — is signed in without seeing /login.
 * @module
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AuthSession } from '@netra/shared';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/api-client';
import { ApiContext } from '../api/api-context';
import { createAuthApi, type AuthApi, type PasswordSignIn } from './auth-api';
import { allowDevLogin, suppressDevLogin } from './dev-login';
import { TokenSession, type SessionSnapshot } from './token-session';

/** The session's actions; state comes from `useSession()`. */
export interface AuthActions {
  readonly session: TokenSession;
  readonly authApi: AuthApi;
  readonly signIn: (credentials: PasswordSignIn) => Promise<void>;
  readonly signUp: (input: PasswordSignIn & { name: string }) => Promise<void>;
  /** Takes a session signed in elsewhere (the development login). */
  readonly accept: (session: AuthSession) => void;
  /** Ends the session everywhere it is known and keeps the development login from signing back in. */
  readonly signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthActions | null>(null);

interface AuthRuntime {
  session: TokenSession;
  authApi: AuthApi;
  backend: ApiClient;
}

function createAuthRuntime(authUrl: string, backendUrl: string): AuthRuntime {
  let session: TokenSession | null = null;
  const accessToken = () => session?.accessToken() ?? null;
  const authApi = createAuthApi(createApiClient({ baseUrl: authUrl, getAccessToken: accessToken }));
  session = new TokenSession({ refresh: () => authApi.refresh() });
  const current = session;
  const backend = createApiClient({
    baseUrl: backendUrl,
    getAccessToken: accessToken,
    onUnauthorized: () => current.refresh(),
  });
  return { session: current, authApi, backend };
}

function tabStorage(): Storage | undefined {
  return typeof window === 'undefined' ? undefined : window.sessionStorage;
}

function createActions({ session, authApi }: AuthRuntime, queryClient: QueryClient): AuthActions {
  return {
    session,
    authApi,
    signIn: async (credentials) => {
      session.accept(await authApi.login(credentials));
      allowDevLogin(tabStorage());
    },
    signUp: async (input) => {
      session.accept(await authApi.register(input));
      allowDevLogin(tabStorage());
    },
    accept: (signedIn) => {
      session.accept(signedIn);
    },
    signOut: async () => {
      suppressDevLogin(tabStorage());
      // The local sign-out must happen even when the auth service cannot be reached.
      await authApi.logout().catch(() => undefined);
      session.clear();
      queryClient.clear();
    },
  };
}

/** Provides the session, the auth calls and the backend client (`useApi`). */
export function AuthProvider(props: { authUrl: string; backendUrl: string; children: ReactNode }) {
  const [runtime] = useState(() => createAuthRuntime(props.authUrl, props.backendUrl));
  const queryClient = useQueryClient();
  const [actions] = useState(() => createActions(runtime, queryClient));
  useEffect(() => {
    runtime.session.start();
    return () => {
      runtime.session.dispose();
    };
  }, [runtime]);
  return (
    <AuthContext value={actions}>
      <ApiContext value={runtime.backend}>{props.children}</ApiContext>
    </AuthContext>
  );
}

/** Sign-in, sign-up, sign-out and the auth calls. */
export function useAuth(): AuthActions {
  const actions = useContext(AuthContext);
  if (actions === null) {
    throw new Error('useAuth must be used inside <AuthProvider>');
  }
  return actions;
}

const serverSnapshot: SessionSnapshot = {
  status: 'loading',
  user: null,
  accessToken: null,
  expiresAt: null,
  error: null,
};

/** The session state; re-renders on sign-in, refresh and sign-out. */
export function useSession(): SessionSnapshot {
  const { session } = useAuth();
  return useSyncExternalStore(session.subscribe, session.snapshot, () => serverSnapshot);
}
