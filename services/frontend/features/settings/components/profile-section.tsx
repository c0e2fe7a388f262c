'use client';

import { useState, type SyntheticEvent } from 'react';
import { Alert, Badge, Button, TextField } from '@/components/ui';
import { placeError } from '../lib/field-errors';
import { useChangePassword, useProfile, useRename } from '../hooks/use-profile';
import { QueryState, SettingsSection } from './settings-section';
import styles from './settings.module.css';

/** Profile: the name (email shown, not editable here) and the password. */
export function ProfileSection() {
  const profile = useProfile();
  return (
    <SettingsSection slug="profile">
      <QueryState isPending={profile.isPending} error={profile.error} what="your profile" />
      {profile.data === undefined ? null : (
        <>
          <NameForm key={profile.data.id} email={profile.data.email} name={profile.data.name} />
          <PasswordForm hasPassword={profile.data.has_password} providers={profile.data.providers} />
        </>
      )}
    </SettingsSection>
  );
}

function NameForm(props: { email: string; name: string }) {
  const [name, setName] = useState(props.name);
  const rename = useRename();
  const placed = placeError(rename.error, ['name']);
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    rename.mutate({ name });
  };
  return (
    <form className={styles.form} noValidate onSubmit={onSubmit} aria-labelledby="profile-name-heading">
      <h3 id="profile-name-heading" className={styles.subHeading}>
        Name and email
      </h3>
      <TextField
        label="Email"
        value={props.email}
        readOnly
        hint="Your sign-in email; it cannot be changed here."
      />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
        }}
        error={placed.fields.name}
      />
      {placed.form === undefined ? null : <Alert tone="bad">{placed.form}</Alert>}
      {rename.isSuccess ? <Alert tone="ok">Name saved.</Alert> : null}
      <div className={styles.actions}>
        <Button type="submit" loading={rename.isPending} disabled={name === props.name}>
          Save name
        </Button>
      </div>
    </form>
  );
}

const PASSWORD_FIELDS = ['current_password', 'new_password', 'confirm_password'];

function PasswordForm(props: { hasPassword: boolean; providers: readonly string[] }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useChangePassword();
  const placed = placeError(change.error, PASSWORD_FIELDS);
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    setMismatch(next !== confirm);
    if (next !== confirm) {
      return;
    }
    const body = props.hasPassword
      ? { current_password: current, new_password: next }
      : { new_password: next };
    change.mutate(body, {
      onSuccess: () => {
        setCurrent('');
        setNext('');
        setConfirm('');
      },
    });
  };
  return (
    <form className={styles.form} noValidate onSubmit={onSubmit} aria-labelledby="profile-password-heading">
      <h3 id="profile-password-heading" className={styles.subHeading}>
        {props.hasPassword ? 'Change password' : 'Set a password'}
      </h3>
      {props.hasPassword ? null : (
        <p className={styles.note}>
          You sign in without a password
          {props.providers.length > 0 ? (
            <>
              {' '}
              (through{' '}
              {props.providers.map((p) => (
                <Badge key={p}>{p}</Badge>
              ))}
              )
            </>
          ) : null}
          . Set one to also sign in with your email and password.
        </p>
      )}
      {props.hasPassword ? (
        <TextField
          label="Current password"
          name="current_password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => {
            setCurrent(event.target.value);
          }}
          error={placed.fields.current_password}
        />
      ) : null}
      <TextField
        label="New password"
        name="new_password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        value={next}
        onChange={(event) => {
          setNext(event.target.value);
        }}
        error={placed.fields.new_password}
      />
      <TextField
        label="Confirm new password"
        name="confirm_password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(event) => {
          setConfirm(event.target.value);
        }}
        error={mismatch ? 'The two new passwords differ.' : undefined}
      />
      {placed.form === undefined ? null : <Alert tone="bad">{placed.form}</Alert>}
      {change.isSuccess ? (
        <Alert tone="ok">
          Password changed. {change.data.other_sessions_revoked} other session
          {change.data.other_sessions_revoked === 1 ? ' was' : 's were'} signed out.
        </Alert>
      ) : null}
      <div className={styles.actions}>
        <Button type="submit" loading={change.isPending} disabled={next === ''}>
          {props.hasPassword ? 'Change password' : 'Set password'}
        </Button>
      </div>
    </form>
  );
}
