/**
 * The data-sufficiency decision: the engine's assessment of the usage in scope, combined with what
 * the message itself states. Decision table (engine verdict × stored usage × stated spend):
 *
 * | engine (assessDataQuality) | usage in scope | spend stated in the message | level        | workflow     | stated_baseline |
 * | -------------------------- | -------------- | --------------------------- | ------------ | ------------ | --------------- |
 * | sufficient                 | ≥ 1,000 req.   | any                         | sufficient   | sufficient   | when stated     |
 * | partial                    | ≥ 50 req.      | any                         | partial      | partial      | when stated     |
 * | insufficient               | some           | any                         | insufficient | insufficient | when stated     |
 * | insufficient               | none           | yes ("$5000/month on GPT-4")| insufficient | insufficient | yes             |
 * | insufficient               | none           | no                          | insufficient | insufficient | null            |
 *
 * The engine alone decides whether figures can be claimed (its floors: 50 requests, some priced
 * usage; sufficient needs 1,000 requests and 75 % completeness). A stated spend never promotes the
 * route — numbers come from data — but it gives the guidance report a baseline to speak to, so it is
 * kept whenever the message states one, with the stated models. `reasons` say why, in the user's terms.
 * @module
 */
import type { DataQuality } from '@netra/optimizer';
import type { RequestGoal } from '@netra/shared/contracts';
import type { SufficiencyResult } from '#modules/agents/workflow-state.js';

export interface ScopeFacts {
  from: Date | null;
  to: Date | null;
  /** How the window was chosen, for the reasons. */
  origin: 'message' | 'latest_30_days' | 'no_data';
  /** The period as the user wrote it ("last week"), when it came from the message. */
  mention: string | null;
  requests: number;
  days: number;
  /** The latest event of the organization, when the message's window turned out empty. */
  latestEvent: Date | null;
}

const count = (value: number) => value.toLocaleString('en-US');
const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? 'the start';
const usd = (value: number) => `$${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

function scopeReason(scope: ScopeFacts): string {
  if (scope.origin === 'no_data' || (scope.requests === 0 && scope.latestEvent === null)) {
    return 'No usage is stored for this organization yet.';
  }
  const window = `${day(scope.from)} to ${day(scope.to)}`;
  const why =
    scope.origin === 'message'
      ? `the period you named (${scope.mention ?? 'as asked'})`
      : 'the last 30 days of stored usage';
  const found = `${count(scope.requests)} requests over ${scope.days.toFixed(1)} days`;
  return `Analyzed ${why}: ${window}, ${found}.`;
}

function emptyWindowReason(scope: ScopeFacts): string[] {
  if (scope.origin !== 'message' || scope.requests > 0 || scope.latestEvent === null) {
    return [];
  }
  return [`There is no usage in that period; the latest stored event is from ${day(scope.latestEvent)}.`];
}

function verdictReason(quality: DataQuality): string {
  const missing = quality.missing.map((entry) => entry.field).join(', ');
  const percent = Math.round(quality.completeness * 100);
  switch (quality.sufficiency) {
    case 'sufficient':
      return `The data is sufficient (${percent}% complete): savings can be measured from it.`;
    case 'partial':
      return `The data is partial (${percent}% complete): figures come with caveats${missing === '' ? '' : `; weak or missing: ${missing}`}.`;
    case 'insufficient':
      return `The data is not enough to claim savings${missing === '' ? '' : `; weak or missing: ${missing}`}.`;
  }
}

function baselineOf(goal: RequestGoal): SufficiencyResult['stated_baseline'] {
  return goal.stated_monthly_spend_usd === null
    ? null
    : { monthly_cost_usd: goal.stated_monthly_spend_usd, models: goal.stated_models };
}

function baselineReason(baseline: SufficiencyResult['stated_baseline'], requests: number): string[] {
  if (baseline === null) {
    return [];
  }
  const on = baseline.models.length === 0 ? '' : ` on ${baseline.models.join(', ')}`;
  const use =
    requests === 0
      ? 'it serves as the baseline of the guidance until usage data arrives'
      : 'it is shown beside the measured figures, which take precedence';
  return [`Your message states ${usd(baseline.monthly_cost_usd)}/month${on}: ${use}.`];
}

/** The workflow's verdict from the engine's assessment, the scope and the user's goal. */
export function decideSufficiency(
  quality: DataQuality,
  scope: ScopeFacts,
  goal: RequestGoal,
): SufficiencyResult {
  const baseline = baselineOf(goal);
  return {
    level: quality.sufficiency,
    workflow: quality.sufficiency,
    scope: { from: scope.from?.toISOString() ?? null, to: scope.to?.toISOString() ?? null },
    requests: scope.requests,
    quality: {
      sufficiency: quality.sufficiency,
      completeness: quality.completeness,
      missing: quality.missing,
      notes: quality.notes,
    },
    stated_baseline: baseline,
    reasons: [
      scopeReason(scope),
      ...emptyWindowReason(scope),
      verdictReason(quality),
      ...quality.notes,
      ...baselineReason(baseline, scope.requests),
    ],
  };
}
