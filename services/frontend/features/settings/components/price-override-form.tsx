'use client';

import { useState, type SyntheticEvent } from 'react';
import { Alert, Button, Select, TextField } from '@/components/ui';
import { useAddPriceOverride } from '../hooks/use-price-overrides';
import { placeError } from '../lib/field-errors';
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

/** Adds one override; the backend's validation message shows under the field it names. */
export function PriceOverrideForm({ permission }: { permission: Permission }) {
  const [values, setValues] = useState<OverrideFormValues>(EMPTY_OVERRIDE);
  const add = useAddPriceOverride();
  const [local, setLocal] = useState<Partial<Record<FieldName, string>>>({});
  const placed = placeError(add.error, OVERRIDE_FIELDS, OVERRIDE_FIELD_ALIASES);
  const errorOf = (name: FieldName) => local[name] ?? placed.fields[name];
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
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const errors = amountErrors(values);
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      return;
    }
    add.mutate(overrideBody(values), {
      onSuccess: () => {
        setValues({ ...EMPTY_OVERRIDE, kind: values.kind });
      },
    });
  };
  return (
    <form className={styles.form} noValidate onSubmit={onSubmit} aria-labelledby="add-override-heading">
      <h3 id="add-override-heading" className={styles.subHeading}>
        Add a price override
      </h3>
      {permission.allowed ? null : <Alert tone="info">{permission.reason}</Alert>}
      <fieldset className={styles.fieldset} disabled={!permission.allowed}>
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
            error={placed.fields.effective_from}
          />
          <TextField
            label="In force until (optional)"
            type="date"
            value={values.effective_to}
            onChange={set('effective_to')}
            error={placed.fields.effective_to}
            hint="The first day it no longer applies."
          />
        </div>
        {placed.form === undefined ? null : <Alert tone="bad">{placed.form}</Alert>}
        {add.isSuccess ? (
          <Alert tone="ok">Override added; usage ingested from now on is priced with it.</Alert>
        ) : null}
        <div className={styles.actions}>
          <Button type="submit" loading={add.isPending}>
            Add override
          </Button>
        </div>
      </fieldset>
    </form>
  );
}
