'use client';

import { BUDGET_SCOPES } from '@netra/shared/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Alert, Button, Select, TextField } from '@/components/ui';
import { placeError, type FieldNamingError } from '../lib/field-errors';
import {
  BUDGET_FIELD_ALIASES,
  BUDGET_FIELDS,
  SCOPE_LABELS,
  budgetBody,
  type BudgetFormValues,
  type ScopeKind,
} from '../lib/budget-form';
import styles from './settings.module.css';

/** The budget form, for a new budget and for changing one; errors show under the field they name. */
export function BudgetForm(props: {
  initial: BudgetFormValues;
  submitLabel: string;
  busy: boolean;
  error: FieldNamingError | null;
  onSubmit: (body: ReturnType<typeof budgetBody>) => void;
  onCancel?: () => void;
  label: string;
}) {
  const [values, setValues] = useState(props.initial);
  const placed = placeError(props.error, BUDGET_FIELDS, BUDGET_FIELD_ALIASES);
  const set = (name: keyof BudgetFormValues) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [name]: event.target.value }));
  };
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    props.onSubmit(budgetBody(values));
  };
  return (
    <form className={styles.form} noValidate onSubmit={onSubmit} aria-label={props.label}>
      <div className={styles.formRow}>
        <TextField
          label="Budget name (optional)"
          value={values.name}
          onChange={set('name')}
          error={placed.fields.name}
        />
        <TextField
          label="Amount per month (USD)"
          inputMode="decimal"
          value={values.amount_usd}
          onChange={set('amount_usd')}
          error={placed.fields.amount_usd}
        />
      </div>
      <div className={styles.formRow}>
        <Select
          label="Scope"
          value={values.scope_kind}
          options={BUDGET_SCOPES.map((kind) => ({ value: kind, label: SCOPE_LABELS[kind] }))}
          onChange={(event) => {
            setValues((current) => ({ ...current, scope_kind: event.target.value as ScopeKind }));
          }}
        />
        {values.scope_kind === 'org' ? null : (
          <TextField
            label={`${SCOPE_LABELS[values.scope_kind]} name`}
            value={values.scope_value}
            onChange={set('scope_value')}
            error={placed.fields.scope_value}
          />
        )}
      </div>
      <TextField
        label="Alert thresholds (% of the amount)"
        value={values.thresholds}
        onChange={set('thresholds')}
        error={placed.fields.thresholds}
        hint="Comma-separated, e.g. 50, 80, 100. Each fires once a month, when crossed or forecast."
      />
      {placed.form === undefined ? null : <Alert tone="bad">{placed.form}</Alert>}
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
    </form>
  );
}
