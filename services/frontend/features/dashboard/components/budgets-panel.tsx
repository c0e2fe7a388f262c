/**
 * Monthly budgets: spend so far and the month-end forecast against the limit.
 * @module
 */
import Link from 'next/link';
import type { Budget } from '@netra/shared/contracts';
import { barWidth, budgetProgress, budgetScopeLabel } from '../lib/budget-progress';
import { formatUsd } from '../lib/format';
import { Panel } from './panel';
import styles from './dashboard.module.css';

const TONE_WORDS = { ok: 'on track', warn: 'forecast over budget', bad: 'over budget' } as const;

function BudgetItem({ budget }: { budget: Budget }) {
  const { spentPct, forecastPct, tone } = budgetProgress(budget);
  const { spend_usd: spent, forecast_usd: forecast } = budget.current;
  const summary = `${formatUsd(spent)} of ${formatUsd(budget.amount_usd)} spent in ${budget.current.month} (${spentPct.toFixed(0)}%); month-end forecast ${formatUsd(forecast)} (${forecastPct.toFixed(0)}%), ${TONE_WORDS[tone]}`;
  return (
    <li data-testid="budget">
      <div className={styles.budgetHead}>
        <span className={styles.budgetName}>{budget.name}</span>
        <span className={styles.budgetScope}>{budgetScopeLabel(budget)}</span>
      </div>
      <div className={styles.track} role="img" aria-label={summary}>
        <div className={styles.forecastBar} data-tone={tone} style={{ width: `${barWidth(forecastPct)}%` }} />
        <div className={styles.spentBar} data-tone={tone} style={{ width: `${barWidth(spentPct)}%` }} />
      </div>
      <div className={styles.budgetFigures}>
        {formatUsd(spent)} of {formatUsd(budget.amount_usd)} · forecast {formatUsd(forecast)} by month end (
        {TONE_WORDS[tone]})
      </div>
    </li>
  );
}

export function BudgetsPanel({ budgets }: { budgets: readonly Budget[] }) {
  return (
    <Panel title="Budgets" testId="budgets">
      {budgets.length === 0 ? (
        <p className={styles.panelText}>
          No budgets yet. Set a monthly budget in <Link href="/settings">Settings</Link> to see the month-end
          forecast here.
        </p>
      ) : (
        <ul className={styles.budgetList}>
          {budgets.map((budget) => (
            <BudgetItem key={budget.id} budget={budget} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
