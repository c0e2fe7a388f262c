/**
 * Requests nobody could price are not in the spend (never counted as $0): this says how many, for
 * which models, and how to price them.
 * @module
 */
import Link from 'next/link';
import type { SpendSummary } from '@netra/shared/contracts';
import { Alert } from '@/components/ui';
import { formatCount } from '../lib/format';
import styles from './dashboard.module.css';

export function UnpricedWarning({ summary }: { summary: SpendSummary }) {
  const models = summary.unpriced_models;
  if (models.length === 0) {
    return null;
  }
  const requests = summary.current.totals.unpriced_requests;
  return (
    <Alert tone="warn" title={`${formatCount(requests)} requests could not be priced`}>
      <p className={styles.alertText}>
        Their cost is not in the figures below. Add a price for these models in{' '}
        <Link href="/settings">Settings</Link>, or send the cost with each event (<code>cost_usd</code>).
      </p>
      <ul className={styles.unpricedList} aria-label="Unpriced models">
        {models.map((model) => (
          <li key={`${model.provider}/${model.model}`}>
            {model.provider === '' ? model.model : `${model.provider} / ${model.model}`}:{' '}
            {formatCount(model.requests)} requests
          </li>
        ))}
      </ul>
    </Alert>
  );
}
