/**
 * The savings waterfall of a report: the monthly baseline, each chosen opportunity's saving, the
 * overlap the combined plan counts only once, and the monthly cost under the plan. Pure, so the
 * chart and its table alternative draw exactly the same numbers.
 * @module
 */
import type { AnalysisReport, Opportunity } from '@netra/shared/contracts';

export type WaterfallStepKind = 'baseline' | 'saving' | 'overlap' | 'plan';

/** One bar: where the running monthly cost stands before and after it. */
export interface WaterfallStep {
  id: string;
  label: string;
  kind: WaterfallStepKind;
  /** Signed change of the running cost; the baseline and plan bars carry their total. */
  delta: number;
  /** Running monthly cost before and after the step (both 0-based for baseline and plan). */
  from: number;
  to: number;
  /** `[low, high]` of the floating bar, as recharts draws range bars. */
  range: [number, number];
  /** Whether the data itself proves the saving (saving bars only). */
  proven: boolean;
}

const ROW_HEIGHT_PX = 44;
const AXIS_HEIGHT_PX = 40;

/** The chart's height in pixels for a number of bars: known before drawing, so nothing moves. */
export function waterfallHeight(bars: number): number {
  return bars * ROW_HEIGHT_PX + AXIS_HEIGHT_PX;
}

/** Differences under half a cent are rounding, not overlap. */
const CENT_HALF = 0.005;

function step(input: Omit<WaterfallStep, 'range'>): WaterfallStep {
  const low = Math.min(input.from, input.to);
  const high = Math.max(input.from, input.to);
  return { ...input, range: [low, high] };
}

/** The plan's opportunities, largest saving first (ties keep the plan's order). */
export function planOpportunities(report: AnalysisReport): Opportunity[] {
  const byId = new Map(report.opportunities.map((item) => [item.id, item]));
  const chosen = report.plan.opportunity_ids
    .map((id) => byId.get(id))
    .filter((item): item is Opportunity => item !== undefined);
  return chosen.toSorted((a, b) => b.monthly_savings_usd - a.monthly_savings_usd);
}

function savingSteps(chosen: readonly Opportunity[], start: number, proven: ReadonlySet<string>) {
  let running = start;
  return chosen.map((item) => {
    const from = running;
    running -= item.monthly_savings_usd;
    return step({
      id: item.id,
      label: item.title,
      kind: 'saving',
      delta: -item.monthly_savings_usd,
      from,
      to: running,
      proven: proven.has(item.id),
    });
  });
}

/** A bar that stands on the axis: the baseline or the plan's total. */
function totalStep(id: 'baseline' | 'plan', label: string, total: number): WaterfallStep {
  return step({ id, label, kind: id, delta: total, from: 0, to: total, proven: false });
}

/** The bar between the last saving and the plan cost, or none when they agree to half a cent. */
function overlapStep(afterSavings: number, planCost: number): WaterfallStep[] {
  const overlap = planCost - afterSavings;
  if (Math.abs(overlap) < CENT_HALF) {
    return [];
  }
  const label = overlap > 0 ? 'Overlap counted once' : 'Combined effect';
  const input = { id: 'overlap', label, kind: 'overlap' as const, delta: overlap, proven: false };
  return [step({ ...input, from: afterSavings, to: planCost })];
}

/**
 * Builds the waterfall. The plan's figure re-prices every request under all changes together, so
 * it is at most the sum of the single savings; the difference is shown as its own "overlap" bar so
 * that the bars add up to the plan cost exactly.
 */
export function buildWaterfall(report: AnalysisReport): WaterfallStep[] {
  const baseline = report.baseline.monthly_cost_usd;
  const planCost = Math.max(0, baseline - report.plan.monthly_savings_usd);
  const proven = new Set(report.plan.proven.opportunity_ids);
  const savings = savingSteps(planOpportunities(report), baseline, proven);
  const afterSavings = savings.at(-1)?.to ?? baseline;
  return [
    totalStep('baseline', 'Baseline', baseline),
    ...savings,
    ...overlapStep(afterSavings, planCost),
    totalStep('plan', 'With the plan', planCost),
  ];
}
