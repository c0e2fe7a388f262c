/**
 * The budget form's values and the body of `POST …/budgets`: the thresholds are typed as a list
 * ("50, 80, 100"), the scope as a kind and a value (none for the whole organization).
 * @module
 */
import { DEFAULT_THRESHOLDS, type BUDGET_SCOPES, type Budget } from '@netra/shared/contracts';

export type ScopeKind = (typeof BUDGET_SCOPES)[number];

export const SCOPE_LABELS: Record<ScopeKind, string> = {
  org: 'Whole organization',
  feature: 'Feature',
  model: 'Model',
  provider: 'Provider',
  user_id: 'User',
  tag: 'Tag',
};

export interface BudgetFormValues {
  name: string;
  amount_usd: string;
  scope_kind: ScopeKind;
  scope_value: string;
  thresholds: string;
}

export const EMPTY_BUDGET: BudgetFormValues = {
  name: '',
  amount_usd: '',
  scope_kind: 'org',
  scope_value: '',
  thresholds: DEFAULT_THRESHOLDS.join(', '),
};

export const BUDGET_FIELDS = ['name', 'amount_usd', 'scope_value', 'thresholds'] as const;
/** The backend's paths for fields this form names differently. */
export const BUDGET_FIELD_ALIASES = {
  'scope.value': 'scope_value',
  scope: 'scope_value',
  thresholds: 'thresholds',
};

/** "50, 80 100" → [50, 80, 100]; a part that is not a number stays text so the backend names the field. */
export function parseThresholds(text: string): (number | string)[] {
  return text
    .split(/[\s,]+/)
    .filter((part) => part !== '')
    .map((part) => {
      const value = Number(part.replace(/%$/, ''));
      return Number.isFinite(value) ? value : part;
    });
}

/** The body of `POST …/budgets`; an empty name lets the backend name the budget after its scope. */
export function budgetBody(values: BudgetFormValues) {
  const amount = Number(values.amount_usd.trim());
  return {
    ...(values.name.trim() === '' ? {} : { name: values.name.trim() }),
    amount_usd: values.amount_usd.trim() === '' || !Number.isFinite(amount) ? values.amount_usd : amount,
    scope: { kind: values.scope_kind, value: values.scope_kind === 'org' ? '' : values.scope_value.trim() },
    thresholds: parseThresholds(values.thresholds),
  };
}

/** "Model gpt-4o" / "Whole organization". */
export function describeScope(scope: Budget['scope']): string {
  return scope.kind === 'org' ? SCOPE_LABELS.org : `${SCOPE_LABELS[scope.kind]} ${scope.value}`;
}

const dollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 2,
});

export function formatUsd(value: number): string {
  return dollars.format(value);
}

/** Spend so far as a share of the budget, for the progress text (rounded, may pass 100). */
export function spentPercent(budget: Budget): number {
  return Math.round((budget.current.spend_usd / budget.amount_usd) * 100);
}
