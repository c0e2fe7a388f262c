/**
 * The reconciliation rules on hand-made slices: the detail each side is compared at (a bill not
 * itemised by model, projects named on one side only), statuses and tolerance, and the notes.
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { DailyUsageCost } from '#modules/usage/usage-daily-costs.js';
import type { DailyBilledCost } from './billing.repository.js';
import { reconcile } from './reconciliation.js';

function used(day: string, model: string, cost: number, extra: Partial<DailyUsageCost> = {}): DailyUsageCost {
  return {
    day,
    provider: 'openai',
    model,
    project: '',
    requests: 10,
    unpriced_requests: 0,
    cost_usd: cost,
    reported_cost_usd: null,
    ...extra,
  };
}

function billed(
  day: string,
  model: string,
  cost: number,
  extra: Partial<DailyBilledCost> = {},
): DailyBilledCost {
  return {
    day,
    provider: 'openai',
    model,
    project: '',
    billed_cost_usd: cost,
    line_items: [`${model} line`],
    ...extra,
  };
}

describe('reconcile', () => {
  it('compares all models of a day together when its bill is not itemised by model', () => {
    const result = reconcile(
      [used('2025-01-01', 'gpt-4o', 3), used('2025-01-01', 'gpt-4o-mini', 1)],
      [billed('2025-01-01', '', 4.5)],
    );
    expect(result.rows).toMatchObject([
      {
        model: null,
        usage_cost_usd: 4,
        billed_cost_usd: 4.5,
        gap_usd: 0.5,
        gap_pct: 11.11,
        status: 'billed_more',
      },
    ]);
    expect(result.notes).toContain(
      'The openai bill is not itemised by model, so its days are compared for all models together ' +
        '(export the costs grouped by line item for a per-model comparison).',
    );
    expect(result.missing.models_used_without_bill).toEqual([]);
  });

  it('compares a tool line billed without a model on its own, and says why', () => {
    const result = reconcile(
      [used('2025-01-01', 'gpt-4o', 1.25)],
      [
        billed('2025-01-01', 'gpt-4o', 1),
        billed('2025-01-01', '', 0.25, { line_items: ['web search tool calls'] }),
      ],
    );
    expect(result.rows.map((row) => [row.model, row.status])).toEqual([
      [null, 'billed_without_usage'],
      ['gpt-4o', 'billed_less'],
    ]);
    expect(result.totals.gap_usd).toBe(0);
    expect(result.notes.some((note) => note.startsWith('Lines billed without a model'))).toBe(true);
  });

  it('matches within 1% or one cent, and calls a lower bill billed_less', () => {
    const result = reconcile(
      [used('2025-01-01', 'a', 100), used('2025-01-01', 'b', 0.5), used('2025-01-01', 'c', 10)],
      [billed('2025-01-01', 'a', 100.9), billed('2025-01-01', 'b', 0.509), billed('2025-01-01', 'c', 9)],
    );
    expect(result.rows.map((row) => [row.model, row.status])).toEqual([
      ['a', 'matched'],
      ['b', 'matched'],
      ['c', 'billed_less'],
    ]);
    expect(result.rows[2]?.gap_pct).toBeCloseTo(-11.11, 2);
  });

  it('splits by project only when both sides name projects', () => {
    const usage = [
      used('2025-01-01', 'gpt-4o', 1, { project: 'proj_a' }),
      used('2025-01-01', 'gpt-4o', 2, { project: 'proj_b' }),
    ];
    const perProject = reconcile(usage, [
      billed('2025-01-01', 'gpt-4o', 1, { project: 'proj_a' }),
      billed('2025-01-01', 'gpt-4o', 2, { project: 'proj_b' }),
    ]);
    expect(perProject.rows.map((row) => [row.project, row.status])).toEqual([
      ['proj_a', 'matched'],
      ['proj_b', 'matched'],
    ]);
    const billWithoutProjects = reconcile(usage, [billed('2025-01-01', 'gpt-4o', 3)]);
    expect(billWithoutProjects.rows).toMatchObject([{ project: null, usage_cost_usd: 3, status: 'matched' }]);
  });

  it('keeps the cost stated by the source next to Netra’s, and flags unpriced requests', () => {
    const result = reconcile(
      [used('2025-01-01', 'custom-model', 0, { unpriced_requests: 4, reported_cost_usd: 0.8 })],
      [billed('2025-01-01', 'custom-model', 0.8)],
    );
    expect(result.rows[0]).toMatchObject({
      reported_cost_usd: 0.8,
      unpriced_requests: 4,
      status: 'billed_more',
    });
    expect(result.totals.reported_cost_usd).toBe(0.8);
    expect(result.notes).toContain(
      "4 requests are on models the catalog cannot price: their cost is missing from Netra's side.",
    );
  });

  it('leaves out providers without a bill, saying so with the cost their usage source stated', () => {
    const result = reconcile(
      [
        used('2025-01-01', 'gpt-4o', 1),
        used('2025-01-01', 'claude-sonnet-4-0', 2.5, { provider: 'anthropic', reported_cost_usd: 2.4 }),
        used('2025-01-02', 'claude-sonnet-4-0', 1, { provider: 'anthropic' }),
      ],
      [billed('2025-01-01', 'gpt-4o', 1)],
    );
    expect(result.rows.map((row) => row.provider)).toEqual(['openai']);
    expect(result.notes).toContain(
      "Usage of anthropic ($3.50 at Netra's prices; $2.40 as the usage source stated it) has no cost export " +
        'to compare with; not reconciled.',
    );
  });

  it('answers an empty comparison with no period and zero totals', () => {
    const result = reconcile([], []);
    expect(result.period).toBeNull();
    expect(result.totals).toEqual({
      usage_cost_usd: 0,
      reported_cost_usd: null,
      billed_cost_usd: 0,
      gap_usd: 0,
      gap_pct: null,
    });
  });
});
