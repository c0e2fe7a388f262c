/**
 * The reconciliation section of `netra analyze` (text and Markdown; `--json` carries the object as
 * it is): totals, the slices that do not match, and what either side is missing.
 * @module
 */
import type { Reconciliation, ReconciliationRow } from '@netra/shared/contracts';

/** Mismatched slices listed one by one; past this only their count is printed. */
const LISTED_ROWS = 30;

const HEADER = ['day', 'provider', 'model', 'project', 'usage $', 'billed $', 'gap $', 'gap %', 'status'];

function dollars(value: number): string {
  return value.toFixed(2);
}

function signed(value: number, digits = 2): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

function signedDollars(value: number): string {
  return `${value >= 0 ? '+' : '-'}$${Math.abs(value).toFixed(2)}`;
}

function percent(value: number | null): string {
  return value === null ? '—' : `${signed(value, 1)}%`;
}

function cells(row: ReconciliationRow): string[] {
  return [
    row.day,
    row.provider,
    row.model ?? '(all models)',
    row.project ?? '-',
    dollars(row.usage_cost_usd),
    dollars(row.billed_cost_usd),
    signed(row.gap_usd),
    percent(row.gap_pct),
    row.status.replaceAll('_', ' '),
  ];
}

function headline(reconciliation: Reconciliation): string[] {
  const { totals, period } = reconciliation;
  const span = period === null ? '' : ` (${period.start} – ${period.end})`;
  const lines = [
    `Bill reconciliation${span}`,
    `billed $${dollars(totals.billed_cost_usd)} · Netra's cost of the usage $${dollars(totals.usage_cost_usd)} · ` +
      `gap ${signedDollars(totals.gap_usd)} (${percent(totals.gap_pct)} of the bill)`,
  ];
  if (totals.reported_cost_usd !== null) {
    lines.push(`cost stated by the usage source per request: $${dollars(totals.reported_cost_usd)}`);
  }
  return lines;
}

function missingLines(missing: Reconciliation['missing']): string[] {
  const models = (refs: { provider: string; model: string }[]) =>
    refs.map((ref) => `${ref.provider}/${ref.model}`).join(', ');
  const lines: string[] = [];
  if (missing.days_billed_without_usage.length > 0) {
    lines.push(`billed, no usage on: ${missing.days_billed_without_usage.join(', ')}`);
  }
  if (missing.days_used_without_bill.length > 0) {
    lines.push(`usage, no bill on: ${missing.days_used_without_bill.join(', ')}`);
  }
  if (missing.models_billed_without_usage.length > 0) {
    lines.push(`models billed with no usage: ${models(missing.models_billed_without_usage)}`);
  }
  if (missing.models_used_without_bill.length > 0) {
    lines.push(`models used with no bill: ${models(missing.models_used_without_bill)}`);
  }
  return lines;
}

function table(rows: readonly string[][]): string[] {
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

function split(reconciliation: Reconciliation) {
  const mismatched = reconciliation.rows.filter((row) => row.status !== 'matched');
  const listed = mismatched.slice(0, LISTED_ROWS);
  const matched = reconciliation.rows.length - mismatched.length;
  const { usd, pct } = reconciliation.tolerance;
  const footer = [
    ...(mismatched.length > listed.length
      ? [`… and ${mismatched.length - listed.length} more mismatched slices`]
      : []),
    `${matched} of ${reconciliation.rows.length} slices match within ${pct}% or $${dollars(usd)}`,
  ];
  return { listed, footer };
}

/** The section as plain text, for the terminal report. */
export function renderReconciliationText(reconciliation: Reconciliation): string {
  const { listed, footer } = split(reconciliation);
  const body = listed.length === 0 ? [] : table([HEADER, ...listed.map(cells)]).map((line) => `  ${line}`);
  const rest = [...footer, ...missingLines(reconciliation.missing), ...reconciliation.notes];
  return `\n${[...headline(reconciliation), ...body, ...rest.map((line) => `  ${line}`)].join('\n')}\n`;
}

/** The section as Markdown, appended to a `--out` Markdown report. */
export function renderReconciliationMarkdown(reconciliation: Reconciliation): string {
  const { listed, footer } = split(reconciliation);
  const [title = '', ...summary] = headline(reconciliation);
  const row = (values: readonly string[]) => `| ${values.join(' | ')} |`;
  const body =
    listed.length === 0
      ? []
      : [row(HEADER), row(HEADER.map(() => '---')), ...listed.map((item) => row(cells(item)))];
  const rest = [...footer, ...missingLines(reconciliation.missing), ...reconciliation.notes].map(
    (line) => `- ${line}`,
  );
  return `\n## ${title}\n\n${summary.join('\n\n')}\n\n${[...body, '', ...rest].join('\n')}\n`;
}
