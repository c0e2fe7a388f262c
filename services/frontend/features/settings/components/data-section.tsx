'use client';

import { MAX_RETENTION_DAYS, type OrgSettings } from '@netra/shared/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Alert, Button, TextField } from '@/components/ui';
import { useCurrentOrganization } from '@/lib/auth';
import { useOrgSettings, useSaveOrgSettings } from '../hooks/use-org-settings';
import { placeError } from '../lib/field-errors';
import { canAdminister } from '../lib/roles';
import { QueryState, SettingsSection } from './settings-section';
import styles from './settings.module.css';

/** Retention days (or keep forever) and prompt-text storage. */
export function DataSection() {
  const settings = useOrgSettings();
  // Keyed by organization: a switch starts from that organization's saved values; a save keeps the form.
  const { organization } = useCurrentOrganization();
  return (
    <SettingsSection slug="data" needsOrganization>
      <QueryState isPending={settings.isPending} error={settings.error} what="the data settings" />
      {settings.data === undefined ? null : <DataForm key={organization?.id} saved={settings.data} />}
    </SettingsSection>
  );
}

function DataForm({ saved }: { saved: OrgSettings }) {
  const { organization } = useCurrentOrganization();
  const permission = canAdminister(organization?.role ?? 'viewer');
  const [keepForever, setKeepForever] = useState(saved.retention_days === null);
  const [days, setDays] = useState(saved.retention_days === null ? '90' : String(saved.retention_days));
  const [storePrompts, setStorePrompts] = useState(saved.store_prompts);
  const save = useSaveOrgSettings();
  const placed = placeError(save.error, ['retention_days', 'store_prompts']);
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = Number(days);
    save.mutate({
      // A number that is not whole goes as typed, so the backend names the field.
      retention_days: keepForever ? null : parsed,
      store_prompts: storePrompts,
    });
  };
  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={onSubmit}
      aria-label="Data retention and prompt storage"
    >
      {permission.allowed ? null : <Alert tone="info">{permission.reason}</Alert>}
      <fieldset className={styles.fieldset} disabled={!permission.allowed}>
        <legend>Usage retention</legend>
        <label className={styles.check}>
          <input
            type="checkbox"
            checked={keepForever}
            onChange={(event) => {
              setKeepForever(event.target.checked);
            }}
          />
          Keep usage forever
        </label>
        {keepForever ? null : (
          <TextField
            label="Delete usage older than (days)"
            type="number"
            min={1}
            max={MAX_RETENTION_DAYS}
            value={days}
            onChange={(event) => {
              setDays(event.target.value);
            }}
            error={placed.fields.retention_days}
            hint={`From 1 to ${MAX_RETENTION_DAYS} days. Older usage is deleted by a daily job and cannot be recovered.`}
          />
        )}
      </fieldset>
      <fieldset className={styles.fieldset} disabled={!permission.allowed}>
        <legend>Prompt text</legend>
        <label className={styles.check}>
          <input
            type="checkbox"
            checked={storePrompts}
            onChange={(event) => {
              setStorePrompts(event.target.checked);
            }}
          />
          Store prompt text sent with usage
        </label>
        <p className={styles.note}>
          Off by default: prompt text is dropped before storage and only fingerprints are kept. Turning it on
          stores the text of usage ingested from now on.
        </p>
        {placed.fields.store_prompts === undefined ? null : (
          <p className={styles.fieldError}>{placed.fields.store_prompts}</p>
        )}
      </fieldset>
      {placed.form === undefined ? null : <Alert tone="bad">{placed.form}</Alert>}
      {save.isSuccess ? <Alert tone="ok">Data settings saved.</Alert> : null}
      <div className={styles.actions}>
        <Button
          type="submit"
          loading={save.isPending}
          disabled={!permission.allowed}
          title={permission.allowed ? undefined : permission.reason}
        >
          Save data settings
        </Button>
      </div>
    </form>
  );
}
