/**
 * What `netra analyze` says instead of a report when no usage event was imported (exit code 3): why,
 * file by file, and what a cost export given on its own holds and needs.
 * @module
 */
import { basename } from 'node:path';
import type { Reconciliation } from '@netra/shared/contracts';
import { NO_USAGE_IN_FILE } from '#modules/ingestion/formats/file-format.types.js';
import type { ImportOutcome } from './analyze-import.js';

/** Exit code of a run that imported no usage: nothing to analyze, the reasons are printed instead. */
export const NO_USAGE_EXIT_CODE = 3;

function count(value: number, word: string): string {
  return `${value.toLocaleString('en-US')} ${word}${value === 1 ? '' : 's'}`;
}

/** Why one usage file gave no event. */
function reasonOf(outcome: ImportOutcome): string {
  const { totals } = outcome;
  const skipped = Object.entries(totals.skipped);
  // The reader names an empty file, a header without rows or an empty document itself.
  const empty = skipped.find(([reason]) => reason.startsWith(NO_USAGE_IN_FILE));
  if (empty !== undefined || totals.rows === 0) {
    return empty?.[0] ?? `${NO_USAGE_IN_FILE} (it holds no rows)`;
  }
  if (totals.rejected > 0 && skipped.length === 0) {
    return `all ${count(totals.rejected, 'row')} were refused (the reasons are listed above)`;
  }
  if (skipped.length > 0) {
    const reasons = skipped.map(([reason, rows]) => `${count(rows, 'row')}: ${reason}`).join('; ');
    return `no row held usage (${reasons}${totals.rejected > 0 ? `; ${count(totals.rejected, 'row')} refused` : ''})`;
  }
  return `none of its ${count(totals.rows, 'row')} held a usage event`;
}

function billedSummary(reconciliation: Reconciliation | undefined, costFiles: number): string[] {
  if (costFiles === 0 || reconciliation === undefined) {
    return [];
  }
  const { period, totals } = reconciliation;
  const span = period === null ? '' : ` from ${period.start} to ${period.end}`;
  return [
    `The cost export${costFiles === 1 ? ' bills' : 's bill'} $${totals.billed_cost_usd.toFixed(2)}${span}. ` +
      'Give the usage export of the same days next to it (e.g. the OpenAI usage API grouped by model, the ' +
      'Anthropic usage report, LiteLLM spend logs) to reconcile the bill and find savings.',
  ];
}

/** The message of a run that imported no usage. */
export function noUsageMessage(
  outcomes: readonly ImportOutcome[],
  reconciliation: Reconciliation | undefined,
): string {
  const usageFiles = outcomes.filter((outcome) => outcome.kind === 'usage');
  const costFiles = outcomes.length - usageFiles.length;
  const lines = ['netra analyze: no usage was imported, so there is nothing to analyze and no report.'];
  if (usageFiles.length === 0) {
    lines.push('Only cost exports were given: they say what was billed, not how it was used.');
  }
  for (const outcome of usageFiles) {
    lines.push(`  ${basename(outcome.file)}: ${reasonOf(outcome)}`);
  }
  lines.push(...billedSummary(reconciliation, costFiles));
  return `${lines.join('\n')}\n`;
}
