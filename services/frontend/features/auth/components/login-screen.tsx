'use client';
/**
 * `/login`: the enabled providers (from `GET /auth/config`), email and password sign-in and
 * sign-up, every auth error in words, and — in development — the automatic development login
 * (not after an explicit sign-out; then a button offers it). Signed in, it goes to `next`.
 * @module
 */
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Spinner, Tabs } from '@/components/ui';
import { useRuntimeConfig } from '@/app/_components/runtime-config-context';
import {
  authErrorMessage,
  authErrorMessageOf,
  useAuth,
  useSession,
  type AuthProviderOption,
} from '@/lib/auth';
import { allowDevLogin } from '@/lib/auth/dev-login';
import { useAuthConfig } from '../hooks/use-auth-config';
import { useDevAutoLogin, type DevLoginState } from '../hooks/use-dev-auto-login';
import { PasswordForm, type PasswordMode } from './password-form';
import { ProviderButtons } from './provider-buttons';
import styles from './login.module.css';

export interface LoginScreenProps {
  /** Where to go once signed in (already checked to be a path on this app). */
  next: string;
  /** `?auth_error=` from a provider sign-in that failed. */
  authError: string | null;
}

function DevLoginStatus({ state }: { state: DevLoginState }) {
  if (state.phase === 'trying') {
    const waiting = state.attempt > 0 ? ' Waiting for the auth service to start…' : '';
    return (
      <Alert tone="info">
        <Spinner label="Signing in" /> Signing in with the development account.{waiting}
      </Alert>
    );
  }
  if (state.phase === 'failed') {
    return (
      <Alert tone="bad" title="Development sign-in failed">
        {authErrorMessageOf(state.error)}
      </Alert>
    );
  }
  return null;
}

function useGoWhenSignedIn(next: string) {
  const { status } = useSession();
  const router = useRouter();
  useEffect(() => {
    if (status === 'signed_in') {
      router.replace(next);
    }
  }, [status, next, router]);
  return status;
}

function DevLoginButton() {
  const { accept, authApi } = useAuth();
  const [state, setState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const onClick = () => {
    allowDevLogin(window.sessionStorage);
    setState({ busy: true, error: null });
    authApi.devLogin().then(accept, (error: unknown) => {
      setState({ busy: false, error });
    });
  };
  return (
    <>
      {state.error === null ? null : <Alert tone="bad">{authErrorMessageOf(state.error)}</Alert>}
      <Button variant="secondary" loading={state.busy} onClick={onClick}>
        Sign in with the development account
      </Button>
    </>
  );
}

function Errors({ authError, configError }: { authError: string | null; configError: unknown }) {
  const { error } = useSession();
  return (
    <>
      {authError === null ? null : (
        <Alert tone="bad" title="Sign-in did not complete">
          {authErrorMessage(authError)}
        </Alert>
      )}
      {error === null ? null : <Alert tone="warn">{authErrorMessage(error.code)}</Alert>}
      {configError === null || error !== null ? null : (
        <Alert tone="warn">{authErrorMessageOf(configError)}</Alert>
      )}
    </>
  );
}

/** Providers, the development login button, and email / password in two tabs. */
function SignInOptions(props: {
  providers: readonly AuthProviderOption[];
  next: string;
  devButton: boolean;
}) {
  const [mode, setMode] = useState<PasswordMode>('sign_in');
  const form = <PasswordForm mode={mode} />;
  return (
    <Card>
      <div className={styles.form}>
        <ProviderButtons providers={props.providers} next={props.next} />
        {props.devButton ? <DevLoginButton /> : null}
        {props.providers.length > 0 || props.devButton ? (
          <p className={styles.divider}>or with email</p>
        ) : null}
        <Tabs
          label="Sign in or create an account"
          value={mode}
          onChange={(id) => {
            setMode(id as PasswordMode);
          }}
          items={[
            { id: 'sign_in', label: 'Sign in', content: mode === 'sign_in' ? form : null },
            { id: 'sign_up', label: 'Create account', content: mode === 'sign_up' ? form : null },
          ]}
        />
      </div>
    </Card>
  );
}

export function LoginScreen({ next, authError }: LoginScreenProps) {
  const status = useGoWhenSignedIn(next);
  const config = useAuthConfig();
  const development = useRuntimeConfig().environment === 'development' || config.data?.dev_login === true;
  const devLogin = useDevAutoLogin(development && authError === null);
  return (
    <main className={styles.page}>
      <div className={styles.panel}>
        <header>
          <p className={styles.brand}>Netra Apex</p>
          <h1 className={styles.title}>Sign in</h1>
        </header>
        <Errors authError={authError} configError={config.data === undefined ? config.error : null} />
        <DevLoginStatus state={devLogin} />
        {status === 'signed_in' ? <Spinner label="Opening the app" /> : null}
        <SignInOptions
          providers={config.data?.providers ?? []}
          next={next}
          devButton={development && devLogin.phase !== 'trying'}
        />
      </div>
    </main>
  );
}
