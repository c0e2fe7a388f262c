'use client';

import type { PriceOverrideRecord } from '@netra/shared/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Alert, Button, Select, TextField } from '@/components/ui';
import { useAddPriceOverride, useUpdatePriceOverride } from '../hooks/use-price-overrides';
import { placeError, type FieldNamingError } from '../lib/field-errors';
import {
  amountErrors,
  EMPTY_OVERRIDE,
  OVERRIDE_FIELD_ALIASES,
  OVERRIDE_FIELDS,
  OVERRIDE_KINDS,
  OVERRIDE_KIND_LABELS,
  overrideBody,
  type OverrideFormValues,
  type OverrideKind,
} from '../lib/price-override-form';
import type { Permission } from '../lib/roles';
import styles from './settings.module.css';

type FieldName = keyof OverrideFormValues;
type OverrideBody = ReturnType<typeof overrideBody>;

/** Adds one override; the form keeps the kind chosen for the next one. */
export function AddPriceOverride({ permission }: { permission: Permission }) {
  const add = useAddPriceOverride();
  return (
    <OverrideForm
      id="add-override"
      heading="Add a price override"
      submitLabel="Add override"
      initial={EMPTY_OVERRIDE}
      permission={permission}
      busy={add.isPending}
      error={add.error}
      success={add.isSuccess ? 'Override added; usage ingested from now on is priced with it.' : undefined}
      onSubmit={(body, clear) => {
        add.mutate(body, { onSuccess: clear });
      }}
    />
  );
}

/** Changes one override in place (the list's Edit); `initial` is what the form reads of it. */
export function EditPriceOverride(props: {
  record: PriceOverrideRecord;
  initial: OverrideFormValues;
  permission: Permission;
  onDone: () => void;
}) {
  const update = useUpdatePriceOverride(props.record.id);
  return (
    <OverrideForm
      id="edit-override"
      heading="Edit the price override"
      submitLabel="Save changes"
      initial={props.initial}
      permission={props.permission}
      busy={update.isPending}
      error={update.error}
      onSubmit={(body) => {
        update.mutate(body, { onSuccess: props.onDone });
      }}
      onCancel={props.onDone}
    />
  );
}

interface OverrideFormProps {
  id: string;
  heading: string;
  submitLabel: string;
  initial: OverrideFormValues;
  permission: Permission;
  busy: boolean;
  error: FieldNamingError | null;
  success?: string | undefined;
  /** `clear` empties the form (keeping the kind) once the change is stored. */
  onSubmit: (body: OverrideBody, clear: () => void) => void;
  onCancel?: () => void;
}

/** The override form; the backend's validation message shows under the field it names. */
function OverrideForm(props: OverrideFormProps) {
  const [values, setValues] = useState<OverrideFormValues>(props.initial);
  const [local, setLocal] = useState<Partial<Record<FieldName, string>>>({});
  const placed = placeError(props.error, OVERRIDE_FIELDS, OVERRIDE_FIELD_ALIASES);
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const errors = amountErrors(values);
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      return;
    }
    props.onSubmit(overrideBody(values), () => {
      setValues({ ...EMPTY_OVERRIDE, kind: values.kind });
    });
  };
  const headingId = `${props.id}-heading`;
  return (
    <form className={styles.form} noValidate onSubmit={onSubmit} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.subHeading}>
        {props.heading}
      </h3>
      {props.permission.allowed ? null : <Alert tone="info">{props.permission.reason}</Alert>}
      <fieldset className={styles.fieldset} disabled={!props.permission.allowed}>
        <OverrideFields
          values={values}
          setValues={setValues}
          errorOf={(name) => local[name] ?? placed.fields[name]}
        />
        {placed.form === undefined ? null : <Alert tone="bad">{placed.form}</Alert>}
        {props.success === undefined ? null : <Alert tone="ok">{props.success}</Alert>}
        <div className={styles.actions}>
          <Button type="submit" loading={props.busy}>
            {props.submitLabel}
          </Button>
          {props.onCancel === undefined ? null : (
            <Button variant="ghost" onClick={props.onCancel}>
              Cancel
            </Button>
          )}
        </div>
      </fieldset>
    </form>
  );
}

function OverrideFields(props: {
  values: OverrideFormValues;
  setValues: (change: (current: OverrideFormValues) => OverrideFormValues) => void;
  errorOf: (name: FieldName) => string | undefined;
}) {
  const { values, setValues, errorOf } = props;
  const set = (name: FieldName) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [name]: event.target.value }));
  };
  const field = (name: FieldName, label: string, extra: { hint?: string; inputMode?: 'decimal' } = {}) => (
    <TextField
      label={label}
      name={name}
      value={values[name]}
      onChange={set(name)}
      error={errorOf(name)}
      {...extra}
    />
  );
  return (
    <>
      <Select
        label="Kind"
        value={values.kind}
        options={OVERRIDE_KINDS.map((kind) => ({ value: kind, label: OVERRIDE_KIND_LABELS[kind] }))}
        onChange={(event) => {
          setValues((current) => ({ ...current, kind: event.target.value as OverrideKind }));
        }}
      />
      <div className={styles.formRow}>
        {field('model', values.kind === 'discount' ? 'Model (optional)' : 'Model')}
        {field('provider', 'Provider (optional)')}
      </div>
      {values.kind === 'model_price' ? (
        <div className={styles.formRow}>
          {field('input_mtok', 'Input $ per million tokens', { inputMode: 'decimal' })}
          {field('output_mtok', 'Output $ per million tokens', { inputMode: 'decimal' })}
          {field('cache_read_mtok', 'Cache read $ per million tokens', { inputMode: 'decimal' })}
        </div>
      ) : null}
      {values.kind === 'alias' ? (
        <div className={styles.formRow}>
          {field('target_model', 'Priced as model', {
            hint: 'A model of the public catalog, e.g. gpt-4o-mini.',
          })}
          {field('target_provider', 'Priced as provider (optional)')}
        </div>
      ) : null}
      {values.kind === 'discount'
        ? field('percent', 'Discount percent', { inputMode: 'decimal', hint: 'More than 0, at most 100.' })
        : null}
      <div className={styles.formRow}>
        <TextField
          label="In force from (optional)"
          type="date"
          value={values.effective_from}
          onChange={set('effective_from')}
          error={errorOf('effective_from')}
        />
        <TextField
          label="In force until (optional)"
          type="date"
          value={values.effective_to}
          onChange={set('effective_to')}
          error={errorOf('effective_to')}
          hint="The first day it no longer applies."
        />
      </div>
    </>
  );
}
