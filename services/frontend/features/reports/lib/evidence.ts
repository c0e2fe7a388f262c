/**
 * An opportunity's evidence (named, machine-readable figures) as label/value lines a person reads:
 * money for `*_usd` keys, percentages for `*_pct` (0–100) and `*_share` (0–1), grouped numbers,
 * short JSON for structures.
 * @module
 */
import { formatPct, formatShare, formatUsd } from './format';

export interface EvidenceLine {
  key: string;
  label: string;
  text: string;
  /** The raw value for `data-value` (numbers and strings as they are, structures as JSON). */
  raw: string;
}

const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Abbreviations evidence keys use, as a reader writes them. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ttl: 'TTL',
  mtok: 'MTok',
  ttft: 'TTFT',
  api: 'API',
};

/** `repeat_cost_usd` → `Repeat cost (USD)`; `cache_read_price_per_mtok` → `… per MTok`. */
export function evidenceLabel(key: string): string {
  const words = key
    .replace(/_usd$/, ' (USD)')
    .split('_')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function numberText(key: string, value: number): string {
  if (key.endsWith('_usd')) {
    return formatUsd(value);
  }
  if (key.endsWith('_pct')) {
    return formatPct(value);
  }
  return key.endsWith('_share') ? formatShare(value) : decimal.format(value);
}

/** One evidence value as text. */
export function evidenceText(key: string, value: unknown): string {
  if (typeof value === 'number') {
    return numberText(key, value);
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  return value === null || value === undefined ? '—' : JSON.stringify(value);
}

/** The evidence as lines: scalar values first (they read at a glance), structures after. */
export function evidenceLines(evidence: Record<string, unknown>): EvidenceLine[] {
  const entries = Object.entries(evidence);
  const isScalar = ([, value]: [string, unknown]) => typeof value !== 'object' || value === null;
  const ordered = [...entries.filter(isScalar), ...entries.filter((entry) => !isScalar(entry))];
  return ordered.map(([key, value]) => ({
    key,
    label: evidenceLabel(key),
    text: evidenceText(key, value),
    raw: typeof value === 'string' ? value : JSON.stringify(value ?? null),
  }));
}
