'use client';

import type { Budget } from '@netra/shared/contracts';
import { useState } from 'react';
import { Alert, Badge, Button } from '@/components/ui';
import { useAddBudget, useBudgets, useRemoveBudget, useUpdateBudget } from '../hooks/use-budgets';
import {
  EMPTY_BUDGET,
  describeScope,
  formatUsd,
  spentPercent,
  type BudgetFormValues,
} from '../lib/budget-form';
import type { Permission } from '../lib/roles';
import { BudgetForm } from './budget-form';
import { ActionError, QueryState } from './settings-section';
import styles from './settings.module.css';

/** Budgets: each with this month's spend and forecast, change and remove; and a new one. */
export function BudgetsPanel({ permission }: { permission: Permission }) {
  const budgets = useBudgets();
  const add = useAddBudget();
  const [formKey, setFormKey] = useState(0);
  return (
    <div className={styles.section}>
      <h3 className={styles.subHeading}>Budgets</h3>
      {budgets.data === undefined ? (
        <QueryState isPending={budgets.isPending} error={budgets.error} what="the budgets" />
      ) : budgets.data.items.length === 0 ? (
        <p className={styles.note}>No budgets yet. Add one below to be alerted before spend runs over.</p>
      ) : (
        <ul className={styles.list} aria-label="Budgets">
          {budgets.data.items.map((budget) => (
            <BudgetItem key={`${budget.id}-${budget.updated_at}`} budget={budget} permission={permission} />
          ))}
        </ul>
      )}
      <h4 className={styles.subHeading}>Add a budget</h4>
      {permission.allowed ? (
        <BudgetForm
          key={formKey}
          label="Add a budget"
          initial={EMPTY_BUDGET}
          submitLabel="Add budget"
          busy={add.isPending}
          error={add.error}
          onSubmit={(body) => {
            add.mutate(body, {
              onSuccess: () => {
                setFormKey((key) => key + 1);
              },
            });
          }}
        />
      ) : (
        <Alert tone="info">{permission.reason}</Alert>
      )}
    </div>
  );
}

function formValues(budget: Budget): BudgetFormValues {
  return {
    name: budget.name,
    amount_usd: String(budget.amount_usd),
    scope_kind: budget.scope.kind,
    scope_value: budget.scope.value,
    thresholds: budget.thresholds.join(', '),
  };
}

function BudgetItem({ budget, permission }: { budget: Budget; permission: Permission }) {
  const [editing, setEditing] = useState(false);
  const update = useUpdateBudget();
  const remove = useRemoveBudget();
  const percent = spentPercent(budget);
  const reason = permission.allowed ? undefined : permission.reason;
  return (
    <li className={styles.webhook}>
      <div className={styles.webhookHead}>
        <strong>{budget.name}</strong>
        <Badge>{describeScope(budget.scope)}</Badge>
        <span>{formatUsd(budget.amount_usd)} / month</span>
        <Badge tone={percent >= 100 ? 'bad' : percent >= 80 ? 'warn' : 'ok'}>{percent}% spent</Badge>
      </div>
      <p className={styles.note}>
        {budget.current.month}: {formatUsd(budget.current.spend_usd)} spent, forecast{' '}
        {formatUsd(budget.current.forecast_usd)} by month end. Alerts at {budget.thresholds.join('%, ')}%.
      </p>
      {editing ? (
        <BudgetForm
          label={`Change the budget ${budget.name}`}
          initial={formValues(budget)}
          submitLabel="Save budget"
          busy={update.isPending}
          error={update.error}
          onCancel={() => {
            setEditing(false);
          }}
          onSubmit={(body) => {
            update.mutate(
              { id: budget.id, body: { name: budget.name, ...body } },
              {
                onSuccess: () => {
                  setEditing(false);
                },
              },
            );
          }}
        />
      ) : (
        <div className={styles.actions}>
          <Button
            variant="secondary"
            size="sm"
            aria-label={`Edit the budget ${budget.name}`}
            title={reason}
            disabled={!permission.allowed}
            onClick={() => {
              setEditing(true);
            }}
          >
            Edit
          </Button>
          <Button
            variant="danger"
            size="sm"
            aria-label={`Remove the budget ${budget.name}`}
            title={reason}
            disabled={!permission.allowed}
            loading={remove.isPending}
            onClick={() => {
              if (window.confirm(`Remove the budget ${budget.name} and its fired alerts?`)) {
                remove.mutate(budget.id);
              }
            }}
          >
            Remove
          </Button>
        </div>
      )}
      <ActionError error={remove.error} />
    </li>
  );
}
