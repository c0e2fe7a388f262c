'use client';

import { useState, type SyntheticEvent } from 'react';
import { Alert, Button, TextField } from '@/components/ui';
import { isApiError } from '@/lib/api';
import { authErrorMessageOf, useAuth } from '@/lib/auth';
import styles from './login.module.css';

export type PasswordMode = 'sign_in' | 'sign_up';

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

function fieldError(error: unknown, field: string): string | undefined {
  return isApiError(error) && error.field === field ? error.message : undefined;
}

/** Submits the form to sign in or sign up; keeps the error to show and whether a call runs. */
function usePasswordSubmit(mode: PasswordMode) {
  const { signIn, signUp } = useAuth();
  const [state, setState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const onSubmit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const credentials = { email: text(form, 'email'), password: text(form, 'password') };
    setState({ busy: true, error: null });
    const call =
      mode === 'sign_in' ? signIn(credentials) : signUp({ ...credentials, name: text(form, 'name') });
    // On success the session changes and the login screen navigates away.
    call.catch((error: unknown) => {
      setState({ busy: false, error });
    });
  };
  return { ...state, onSubmit };
}

/** Email and password: signs in, or creates the account (with a name) and signs in. */
export function PasswordForm({ mode }: { mode: PasswordMode }) {
  const { busy, error, onSubmit } = usePasswordSubmit(mode);
  return (
    <form className={styles.form} onSubmit={onSubmit}>
      {error === null ? null : <Alert tone="bad">{authErrorMessageOf(error)}</Alert>}
      {mode === 'sign_up' ? (
        <TextField label="Name" name="name" autoComplete="name" required error={fieldError(error, 'name')} />
      ) : null}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={fieldError(error, 'email')}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete={mode === 'sign_in' ? 'current-password' : 'new-password'}
        minLength={mode === 'sign_up' ? 8 : undefined}
        required
        error={fieldError(error, 'password')}
      />
      <Button type="submit" loading={busy}>
        {mode === 'sign_in' ? 'Sign in' : 'Create account'}
      </Button>
    </form>
  );
}
