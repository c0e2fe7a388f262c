/**
 * Cost exports of the corpus (README.md), each given to `netra analyze` next to a usage export of the
 * same days: the bill is imported as billed cost and reconciled against the cost Netra computes, per
 * day × provider × model (item 4 and the bill reconciliation of issue 10).
 * @module
 */
import { describe, expect, it } from 'vitest';
import { expectRefusal } from './corpus-expect.js';
import { analyzeCorpus, reportOf, type CorpusRun } from './corpus-run.js';

const MTOK = 1e6;

/** The parts of the report's `reconciliation` (§4.2) these tests read. */
interface Reconciliation {
  totals: { usage_cost_usd: number; billed_cost_usd: number; gap_usd: number };
  missing: { days_billed_without_usage: string[] };
  rows: {
    day: string;
    provider: string;
    model: string | null;
    usage_cost_usd: number;
    billed_cost_usd: number;
    gap_usd: number;
  }[];
}

/** The reconciliation of a successful run's report. */
function reconciliationOf(run: CorpusRun): Reconciliation {
  expect(run.code, run.stderr).toBe(0);
  reportOf(run);
  const { reconciliation } = JSON.parse(run.stdout) as { reconciliation?: Reconciliation };
  expect(reconciliation, 'the report reconciles the bill').toBeDefined();
  return reconciliation as Reconciliation;
}

/** Billed minus computed, per day (rows of a bill not itemised by model carry `model: null`). */
function gapsByDay(reconciliation: Reconciliation): Record<string, number> {
  const gaps: Record<string, number> = {};
  for (const row of reconciliation.rows) {
    gaps[row.day] = (gaps[row.day] ?? 0) + row.gap_usd;
  }
  return gaps;
}

function expectGaps(actual: Record<string, number>, expected: Record<string, number>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [day, gap] of Object.entries(expected)) {
    expect(actual[day], `gap on ${day}`).toBeCloseTo(gap, 9);
  }
}

/** The user's dashboard exports, per day: billed (`amount_value`) and computed at list price (openai.int.test.ts). */
const DASHBOARD_BILLED = { '10-05': 0.895874, '10-06': 0.56177125, '10-07': 0.569788, '10-08': 0.5455665 };
const DASHBOARD_USED = { '10-05': 0.24726, '10-06': 0.648614 + 0.16722875, '10-07': 0.569788, '10-08': 0 };
/** 2025-10-10 and 2025-10-11, where billed equals computed. */
const DASHBOARD_EQUAL_DAYS = 0.3409 + 0.072054;

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((total, value) => total + value, DASHBOARD_EQUAL_DAYS);
}

describe('corpus: cost exports reconciled with usage', () => {
  it("dashboard-costs-7d.user-export.tsv next to the same user's usage export: the gap per day", async () => {
    const run = await analyzeCorpus([
      'openai/dashboard-usage-7d.user-export.tsv',
      'openai/dashboard-costs-7d.user-export.tsv',
    ]);
    const reconciliation = reconciliationOf(run);
    const [billed, used] = [DASHBOARD_BILLED, DASHBOARD_USED];
    expect(reconciliation.totals.billed_cost_usd).toBeCloseTo(sum(billed), 9); // 2.98595375
    expect(reconciliation.totals.usage_cost_usd).toBeCloseTo(sum(used), 9); // 2.04584475
    expect(reconciliation.totals.gap_usd).toBeCloseTo(sum(billed) - sum(used), 9); // 0.940109
    expectGaps(gapsByDay(reconciliation), {
      '2025-10-05': billed['10-05'] - used['10-05'], // 0.648614: billed more
      '2025-10-06': billed['10-06'] - used['10-06'], // −0.2540715: billed less
      '2025-10-07': 0,
      '2025-10-08': billed['10-08'], // billed, no usage in the export
      '2025-10-10': 0,
      '2025-10-11': 0,
    });
    expect(reconciliation.missing.days_billed_without_usage).toEqual(['2025-10-08']);
    // Empty buckets of both exports carry trailing empty cells beyond the header: skipped, not malformed.
    expect(run.stderr).not.toMatch(/malformed/);
  });

  it('costs-api-page.openapi-example.json next to the usage example of the same day (--model gpt-4o)', async () => {
    const run = await analyzeCorpus(
      ['openai/usage-completions-page.openapi-example.json', 'openai/costs-api-page.openapi-example.json'],
      '--model',
      'gpt-4o',
    );
    const reconciliation = reconciliationOf(run);
    const used = (600 * 2.5 + 400 * 1.25 + 500 * 10) / MTOK; // gpt-4o list price = 0.007
    expect(reconciliation.totals.billed_cost_usd).toBeCloseTo(0.06, 9);
    expectGaps(gapsByDay(reconciliation), { '2024-11-01': 0.06 - used }); // 0.053
  });

  it('costs-31d.cookbook-output.json alone: the bill is read ($284.94 over 31 days) but is no usage (item 4)', async () => {
    const run = await analyzeCorpus(['openai/costs-31d.cookbook-output.json']);
    // Sum of the 31 daily amount.value figures = 284.93943937274986.
    expect(run.stderr).toMatch(/\b31 billed cost lines\b/);
    expect(run.stderr).toContain('$284.94');
    expectRefusal(run, /usage export of the same days/);
  });
});

/** Anthropic's documented cost example bills `"123.78912"` cents of one model's input tokens on 2025-08-01. */
const ANTHROPIC_EXAMPLE_BILL_USD = 123.78912 / 100;

/**
 * The row of `model` (the dated id, or the alias the catalog resolves it to) is the bill next to the
 * computed cost of the usage example of the same day.
 */
function expectModelRow(reconciliation: Reconciliation, model: RegExp, used: number): void {
  expect(reconciliation.totals.billed_cost_usd).toBeCloseTo(ANTHROPIC_EXAMPLE_BILL_USD, 9);
  const row = reconciliation.rows.find((candidate) => model.test(candidate.model ?? ''));
  expect(row, JSON.stringify(reconciliation.rows)).toMatchObject({
    day: '2025-08-01',
    provider: 'anthropic',
  });
  expect(row?.billed_cost_usd).toBeCloseTo(ANTHROPIC_EXAMPLE_BILL_USD, 9);
  expect(row?.usage_cost_usd).toBeCloseTo(used, 9);
  expect(row?.gap_usd).toBeCloseTo(ANTHROPIC_EXAMPLE_BILL_USD - used, 9);
}

describe('corpus: Anthropic cost report examples reconciled per model', () => {
  it('cost-report.docs-example-2026-08.json next to the usage example of the same day (claude-opus-4-6)', async () => {
    const run = await analyzeCorpus([
      'anthropic/usage-report-messages.docs-example-2026-08.json',
      'anthropic/cost-report.docs-example-2026-08.json',
    ]);
    // claude-opus-4-6 list prices, web search $10 per 1,000 (anthropic.int.test.ts) = 0.133225
    const used = (1_500 * 5 + 500 * 6.25 + 1_000 * 10 + 200 * 0.5 + 500 * 25) / MTOK + 10 * 0.01;
    expectModelRow(reconciliationOf(run), /^claude-opus-4-6$/, used); // gap 1.1046662
  });

  it('cost-report.docs-example-2026-01.json next to the usage example of the same day (claude-sonnet-4)', async () => {
    const run = await analyzeCorpus([
      'anthropic/usage-report-messages.docs-example-2026-01.json',
      'anthropic/cost-report.docs-example-2026-01.json',
    ]);
    // claude-sonnet-4-20250514 list prices, web search $10 per 1,000 (anthropic.int.test.ts) = 0.119935
    const used = (1_500 * 3 + 500 * 3.75 + 1_000 * 6 + 200 * 0.3 + 500 * 15) / MTOK + 10 * 0.01;
    expectModelRow(reconciliationOf(run), /^claude-sonnet-4-(20250514|0)$/, used); // gap 1.1179562
  });
});
