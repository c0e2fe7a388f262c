/**
 * Formatting shared by every rendering of an analysis report: money, percentages, counts, labels of
 * opportunity kinds and scopes, the ranking of opportunities, and evidence values. Pure and
 * locale-independent (always en-US digits), so a report renders the same on every machine.
 * @module
 */
import type { OpportunityKind } from '#report-contract.js';
import type { AnalysisReport, BaselineSlice, Opportunity } from '@netra/shared/contracts';

const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const SMALL = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Human names of the opportunity kinds, in the words a report reader expects. */
export const KIND_LABELS: Record<OpportunityKind, string> = {
  response_caching: 'Response caching',
  prompt_caching: 'Prompt caching',
  batch_api: 'Batch API',
  model_rightsizing: 'Model right-sizing',
  error_waste: 'Error waste',
  output_length: 'Output length cap',
  context_trimming: 'Context trimming',
  provider_arbitrage: 'Provider arbitrage',
  reasoning_effort: 'Reasoning effort',
};

/**
 * Dollars, with precision that follows the magnitude: whole dollars from $100 (cents are noise at
 * that scale), cents from $1, three significant digits below so tiny test workloads still show a figure.
 */
export function formatUsd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const size = Math.abs(amount);
  if (size === 0) {
    return '$0.00';
  }
  if (size >= 100) {
    return `${sign}$${WHOLE.format(size)}`;
  }
  if (size >= 1) {
    return `${sign}$${CENTS.format(size)}`;
  }
  return size < 0.0001 ? `${sign}<$0.0001` : `${sign}$${SMALL.format(size)}`;
}

/** A percentage already on the 0–100 scale, one decimal. */
export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}

/** A share on the 0–1 scale as a percentage. */
export function formatShare(share: number): string {
  return formatPercent(share * 100);
}

/** A count with thousands separators. */
export function formatCount(count: number): string {
  return WHOLE.format(count);
}

/** `feature · provider/model`, leaving out what the scope does not name. */
export function scopeLabel(scope: Opportunity['scope']): string {
  const target = [scope.provider, scope.model].filter((part) => part !== undefined && part !== '');
  const parts = [scope.feature, target.length > 0 ? target.join('/') : undefined];
  const label = parts.filter((part) => part !== undefined && part !== '').join(' · ');
  return label === '' ? 'all usage' : label;
}

/** Opportunities by monthly dollars, largest first; ties keep a stable order by id. */
export function rankOpportunities(report: AnalysisReport): Opportunity[] {
  return [...report.opportunities].sort(
    (a, b) => b.monthly_savings_usd - a.monthly_savings_usd || a.id.localeCompare(b.id),
  );
}

/** The period as `start → end (N days)`, dates only when the times are midnight. */
export function periodLabel(period: AnalysisReport['period']): string {
  return `${shortTime(period.start)} → ${shortTime(period.end)} (${DECIMAL.format(period.days)} days)`;
}

function shortTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) {
    return iso;
  }
  const text = time.toISOString();
  return text.endsWith('T00:00:00.000Z') ? text.slice(0, 10) : `${text.slice(0, 16).replace('T', ' ')} UTC`;
}

/** `repeat_cost_usd` → `repeat cost (USD)`: evidence keys read as words. */
export function evidenceLabel(key: string): string {
  return key.replace(/_usd$/, ' (USD)').replaceAll('_', ' ');
}

/** An evidence value as text: money for `*_usd` keys, grouped numbers, short JSON for structures. */
export function evidenceValue(key: string, value: unknown): string {
  if (typeof value === 'number') {
    if (key.endsWith('_usd')) {
      return formatUsd(value);
    }
    return key.endsWith('_share') || key.endsWith('_pct')
      ? formatEvidenceShare(key, value)
      : DECIMAL.format(value);
  }
  if (typeof value === 'string') {
    return value;
  }
  if (value === null || value === undefined) {
    return '—';
  }
  return JSON.stringify(value);
}

function formatEvidenceShare(key: string, value: number): string {
  return key.endsWith('_pct') ? formatPercent(value) : formatShare(value);
}

/** The evidence worth a line of terminal output: scalar values first, at most `limit` of them. */
export function keyEvidence(evidence: Opportunity['evidence'], limit: number): [string, unknown][] {
  const scalar = Object.entries(evidence).filter(([, value]) => typeof value !== 'object' || value === null);
  return scalar.slice(0, limit);
}

/** The level triple every opportunity carries, as one phrase. */
export function levelsLabel(opportunity: Opportunity): string {
  return `confidence ${opportunity.confidence} · risk ${opportunity.risk} · effort ${opportunity.effort}`;
}

/** Column headings of the full baseline tables (markdown, HTML); the first one names the slice. */
export const SLICE_COLUMNS = ['', 'Requests', 'Cost', 'Monthly', 'Share', 'Unpriced'];

/**
 * One baseline slice as table cells, its name passed through the format's own escaping; the slice
 * of requests without a feature reads `(unnamed)`, as in the text report.
 */
export function sliceCells(slice: BaselineSlice, escape: (text: string) => string): string[] {
  const name = slice.key === '' ? '(unnamed)' : slice.key;
  return [
    escape(slice.provider === undefined ? name : `${slice.provider}/${name}`),
    formatCount(slice.requests),
    formatUsd(slice.cost_usd),
    formatUsd(slice.monthly_cost_usd),
    formatShare(slice.share_of_cost),
    formatCount(slice.unpriced_requests),
  ];
}

/**
 * The savings headline every rendering leads with: the proven figure, and the potential beside it
 * when evaluated changes would add to it.
 */
export function savingsHeadline(plan: AnalysisReport['plan']): { proven: string; potential?: string } {
  const { proven } = plan;
  const headline = {
    proven: `Proven savings ${formatUsd(proven.monthly_savings_usd)}/month (${formatPercent(proven.savings_pct)})`,
  };
  if (plan.monthly_savings_usd <= proven.monthly_savings_usd) {
    return headline;
  }
  return {
    ...headline,
    potential: `potential up to ${formatUsd(plan.monthly_savings_usd)}/month with evaluation`,
  };
}

/** The headline on one line. */
export function savingsHeadlineLine(plan: AnalysisReport['plan']): string {
  const { proven, potential } = savingsHeadline(plan);
  return potential === undefined ? proven : `${proven} — ${potential}`;
}
