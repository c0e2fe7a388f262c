/**
 * The savings benchmark's printed table: per planted kind, detected or not, estimated vs true
 * monthly savings, error, tolerance and verdict; then false positives, the plan and the schema.
 * @module
 */
import type { KindCheck, PlantedEvaluation } from './planted-evaluation.js';

const usd = (value: number) =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
const signed = (value: number | null) =>
  value === null ? 'n/a' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(2)}%`;
const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

const COLUMNS = ['kind', 'feature', 'detected', 'est. monthly', 'true monthly', 'error', 'tolerance', ''];
const WIDTHS = [20, 20, 9, 14, 14, 9, 10, 4];

function row(cells: readonly string[]): string {
  return cells
    .map((cell, index) =>
      index >= 3 && index <= 6 ? cell.padStart(WIDTHS[index] ?? 0) : cell.padEnd(WIDTHS[index] ?? 0),
    )
    .join('  ')
    .trimEnd();
}

function kindRow(check: KindCheck): string {
  return row([
    check.kind,
    check.feature,
    check.detected ? 'yes' : 'no',
    usd(check.estimatedMonthlyUsd),
    usd(check.trueMonthlyUsd),
    signed(check.error),
    `±${percent(check.tolerance)}`,
    verdict(check.pass),
  ]);
}

/** The evaluation as printable lines. */
export function plantedTable(evaluation: PlantedEvaluation): string[] {
  const { plan } = evaluation;
  const lines = [
    `period: ${evaluation.periodDays.toFixed(2)} days (monthly = period × 30 / days)`,
    '',
    row(COLUMNS),
    ...evaluation.kinds.map(kindRow),
    '',
    `false positives: ${evaluation.falsePositives.length === 0 ? 'none  PASS' : `${evaluation.falsePositives.length}  FAIL`}`,
    ...evaluation.falsePositives.map(
      (positive) => `  ${positive.id}  ${usd(positive.monthlyUsd)}/month  (${positive.reason})`,
    ),
    `plan: estimated ${usd(plan.estimatedMonthlyUsd)} vs true ${usd(plan.trueMonthlyUsd)} per month, error ${signed(plan.error)} (±${percent(plan.tolerance)})  ${verdict(plan.pass)}`,
    `report schema: ${evaluation.schemaIssues.length === 0 ? 'valid  PASS' : `invalid  FAIL\n  ${evaluation.schemaIssues.join('\n  ')}`}`,
    '',
    `result: ${evaluation.passed ? 'PASS' : 'FAIL'}`,
  ];
  return lines;
}
