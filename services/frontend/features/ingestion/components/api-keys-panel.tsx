'use client';
/**
 * Ingestion API keys: create one by name (its secret is shown once, with a Copy button and a
 * warning), list them by prefix, revoke one after a confirmation.
 * @module
 */
import type { ApiKey } from '@netra/shared/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Alert, Badge, Button, Card, CopyButton, TextField } from '@/components/ui';
import { isApiError } from '@/lib/api';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../hooks/use-api-keys';
import { formatDate } from '../lib/format';
import styles from './ingestion.module.css';

function CreatedKey({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  return (
    <Alert tone="warn" title={`Copy the key "${name}" now: it is shown only once`}>
      <p className={styles.text}>
        Netra keeps only a hash of it. Store it in your secret manager; if it is lost, revoke it and create
        another.
      </p>
      <div className={styles.secret}>
        <code className={styles.secretValue} data-testid="created-api-key">
          {secret}
        </code>
        <CopyButton text={secret} label="Copy key" />
        <Button variant="ghost" size="sm" onClick={onDone}>
          I have stored the key
        </Button>
      </div>
    </Alert>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (created) => {
        onCreated(created.name, created.key);
        setName('');
      },
    });
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Create an ingestion key">
      <TextField
        label="Key name"
        value={name}
        maxLength={100}
        required
        placeholder="e.g. production-gateway"
        onChange={(event) => {
          setName(event.target.value);
        }}
        error={create.error?.message}
      />
      <Button type="submit" loading={create.isPending} disabled={name.trim() === ''}>
        Create key
      </Button>
    </form>
  );
}

function ConfirmRevoke({ apiKey, onCancel }: { apiKey: ApiKey; onCancel: () => void }) {
  const revoke = useRevokeApiKey();
  return (
    <div className={styles.confirm} role="group" aria-label={`Confirm revoking ${apiKey.name}`}>
      <span>Services using it will be refused.</span>
      <Button
        variant="danger"
        size="sm"
        loading={revoke.isPending}
        onClick={() => {
          revoke.mutate(apiKey.id);
        }}
      >
        Revoke key
      </Button>
      <Button variant="ghost" size="sm" onClick={onCancel}>
        Cancel
      </Button>
      {revoke.error === null ? null : <span className={styles.muted}>{revoke.error.message}</span>}
    </div>
  );
}

function RevokeCell({ apiKey }: { apiKey: ApiKey }) {
  const [confirming, setConfirming] = useState(false);
  if (apiKey.revoked_at !== null) {
    return <Badge tone="neutral">Revoked {formatDate(apiKey.revoked_at)}</Badge>;
  }
  if (confirming) {
    return (
      <ConfirmRevoke
        apiKey={apiKey}
        onCancel={() => {
          setConfirming(false);
        }}
      />
    );
  }
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={`Revoke ${apiKey.name}`}
      onClick={() => {
        setConfirming(true);
      }}
    >
      Revoke
    </Button>
  );
}

function KeysTable({ keys }: { keys: readonly ApiKey[] }) {
  if (keys.length === 0) {
    return <p className={styles.text}>No keys yet. Create one to send usage from your services.</p>;
  }
  return (
    <div className={styles.tableScroll} role="region" aria-label="Ingestion keys" tabIndex={0}>
      <table className={styles.table}>
        <caption>Ingestion keys of this organization</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key starts with</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((apiKey) => (
            <tr key={apiKey.id}>
              <th scope="row">{apiKey.name}</th>
              <td>
                <code>{apiKey.prefix}…</code>
              </td>
              <td>{formatDate(apiKey.created_at)}</td>
              <td>{apiKey.last_used_at === null ? 'Never' : formatDate(apiKey.last_used_at)}</td>
              <td>
                <RevokeCell apiKey={apiKey} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type KeysQuery = ReturnType<typeof useApiKeys>;

function KeysManager({ keys, onKeyCreated }: { keys: KeysQuery; onKeyCreated: (secret: string) => void }) {
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  return (
    <>
      {created === null ? null : (
        <CreatedKey
          name={created.name}
          secret={created.secret}
          onDone={() => {
            setCreated(null);
          }}
        />
      )}
      <CreateKeyForm
        onCreated={(name, secret) => {
          setCreated({ name, secret });
          onKeyCreated(secret);
        }}
      />
      {keys.error === null ? null : (
        <Alert tone="bad" title="Could not load the keys">
          {keys.error.message}
        </Alert>
      )}
      {keys.data === undefined ? null : <KeysTable keys={keys.data.items} />}
    </>
  );
}

/** `onKeyCreated` hands the new secret to the snippets, which then fill it in. */
export function ApiKeysPanel({ onKeyCreated }: { onKeyCreated: (secret: string) => void }) {
  const keys = useApiKeys();
  const forbidden = isApiError(keys.error) && keys.error.status === 403;
  return (
    <Card title="Ingestion API keys">
      <p className={styles.text}>
        A key lets a service, an OpenTelemetry exporter or a script send usage to this organization and
        nothing else.
      </p>
      {forbidden ? (
        <Alert tone="info" title="Only admins and owners manage ingestion keys">
          Ask an admin of this organization for a key; as a member you can upload files above.
        </Alert>
      ) : (
        <KeysManager keys={keys} onKeyCreated={onKeyCreated} />
      )}
    </Card>
  );
}
