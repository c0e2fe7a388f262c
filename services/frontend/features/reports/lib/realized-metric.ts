/**
 * The metric a realized saving is checked by (the change's own effect: cache-read share, batch
 * share, error rate, cost per request…) written for a reader.
 * @module
 */
import { formatShare } from './format';

const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
/** Unit costs are fractions of a cent: five decimals keep $0.01180 → $0.00657 readable. */
const unitUsd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 5,
  maximumFractionDigits: 5,
});

/** `cost_per_request_usd` → `Cost per request`. */
export function metricLabel(name: string): string {
  const words = name.replace(/_usd$/, '').replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value of the metric: shares and rates as percentages, unit costs in dollars, else a number. */
export function metricValue(name: string, value: number): string {
  if (name.endsWith('_usd')) {
    return unitUsd.format(value);
  }
  if (name.includes('share') || name.endsWith('_rate')) {
    return formatShare(value);
  }
  return decimal.format(value);
}
