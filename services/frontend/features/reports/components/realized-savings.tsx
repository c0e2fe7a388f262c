import type { RealizedSavings } from '@netra/shared/contracts';
import { formatUsd, humanize } from '../lib/format';
import styles from './reports.module.css';

const METRIC_DIGITS = 4;

/** The savings measured since a recommendation was applied, or why there is no figure yet. */
export function RealizedSavingsLine(props: {
  realized: RealizedSavings | null;
  pending: boolean;
  expected: string;
}) {
  const { realized } = props;
  if (realized === null) {
    return (
      <p className={styles.muted}>
        {props.pending ? 'Saving…' : 'Realized savings are measured once usage arrives.'}
      </p>
    );
  }
  if (realized.status === 'not_enough_data') {
    return (
      <p className={styles.muted} data-testid="realized-savings" data-status="not_enough_data">
        Realized savings: {realized.message}
      </p>
    );
  }
  const { metric } = realized;
  return (
    <p data-testid="realized-savings" data-status="measured">
      Realized savings:{' '}
      <strong data-value={realized.realized_monthly_savings_usd}>
        {formatUsd(realized.realized_monthly_savings_usd)}/month
      </strong>{' '}
      <span className={styles.muted}>
        (expected {props.expected}/month; {humanize(metric.name)} {metric.before.toFixed(METRIC_DIGITS)} →{' '}
        {metric.after.toFixed(METRIC_DIGITS)}, over {realized.days_before} days before and{' '}
        {realized.days_after} after)
      </span>
    </p>
  );
}
