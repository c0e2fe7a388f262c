/**
 * Data sufficiency: how much of what the analysis can use the data holds. Each signal is scored 0–1
 * and weighted by how many opportunity kinds depend on it; the score and a few hard floors decide
 * whether the data is sufficient, partial or insufficient, and every weak signal is named with the
 * claims it blocks.
 * @module
 */
import type { FieldCoverage, WorkloadTotals } from '#analysis/workload-profile.js';
import type { DataSufficiency } from '#report-contract.js';

export interface DataQuality {
  sufficiency: DataSufficiency;
  completeness: number;
  missing: { field: string; why: string }[];
  notes: string[];
}

interface Signal {
  field: string;
  weight: number;
  score: (profile: WorkloadTotals) => number;
  why: string;
}

/** Events and days at which volume and period stop limiting the analysis. */
const FULL_EVENTS = 1_000;
const FULL_DAYS = 7;
/** Below these, no opportunity is claimed at all. */
const MIN_EVENTS = 50;
const SUFFICIENT_SCORE = 0.75;
const WEAK_SIGNAL = 0.5;

const coverage =
  (field: keyof FieldCoverage) =>
  (profile: WorkloadTotals): number =>
    profile.coverage[field];

const SIGNALS: readonly Signal[] = [
  {
    field: 'events',
    weight: 0.15,
    score: (profile) => Math.min(1, profile.requests / FULL_EVENTS),
    why: `fewer than ${FULL_EVENTS.toLocaleString('en-US')} requests make shares and percentiles noisy`,
  },
  {
    field: 'period',
    weight: 0.15,
    score: (profile) => Math.min(1, profile.period.days / FULL_DAYS),
    why: `less than ${FULL_DAYS} days hides daily patterns (batch scheduling) and makes the monthly projection rough`,
  },
  {
    field: 'priced',
    weight: 0.2,
    score: coverage('priced'),
    why: 'requests on models the price catalog does not know have no cost, so their savings cannot be measured',
  },
  {
    field: 'tokens',
    weight: 0.1,
    score: coverage('tokens'),
    why: 'without token counts nothing can be priced or re-priced',
  },
  {
    field: 'latency',
    weight: 0.05,
    score: coverage('latency'),
    why: 'without latency the report cannot show what a change does to response times',
  },
  {
    field: 'status',
    weight: 0.05,
    score: coverage('status'),
    why: 'without status, failed requests cannot be told apart (error waste)',
  },
  {
    field: 'feature',
    weight: 0.1,
    score: coverage('feature'),
    why: 'without a feature name, opportunities cannot be scoped to the part of the product they concern',
  },
  {
    field: 'prompt_hash',
    weight: 0.1,
    score: coverage('prompt_hash'),
    why: 'without prompt_hash, repeated requests cannot be found (no response-caching claims)',
  },
  {
    field: 'prefix_hashes',
    weight: 0.1,
    score: coverage('prefix_hashes'),
    why: 'without prefix_hashes, shared prompt prefixes cannot be measured (no prompt-caching claims)',
  },
];

function verdict(profile: WorkloadTotals, completeness: number): DataSufficiency {
  if (profile.requests < MIN_EVENTS || profile.coverage.priced === 0) {
    return 'insufficient';
  }
  const enoughVolume = profile.requests >= FULL_EVENTS && profile.period.days >= 1;
  return enoughVolume && completeness >= SUFFICIENT_SCORE ? 'sufficient' : 'partial';
}

const count = (value: number) => value.toLocaleString('en-US');

/** How much of the usage comes aggregated, without a request count, or costed as the source stated. */
function originNotes(profile: WorkloadTotals): string[] {
  const { aggregated_requests, uncounted_requests, reported_cost_requests, reported_cost_usd } =
    profile.origins;
  const found: string[] = [];
  if (aggregated_requests > 0) {
    found.push(
      `The data is aggregated: ${count(aggregated_requests)} of ${count(profile.requests)} requests come from ` +
        'usage-report rows (token totals per time bucket). The baseline counts every request they stand for; ' +
        'levers decided request by request (response caching, prompt caching, output length, context trimming) ' +
        'are measured on individual requests only, and hours of day only from buckets of an hour or less.',
    );
  }
  if (uncounted_requests > 0) {
    found.push(
      `${count(uncounted_requests)} requests come from rows whose source reports no request count ` +
        "(Anthropic's usage report): each row is counted as one request, so request counts and " +
        'per-request averages understate the real traffic.',
    );
  }
  if (reported_cost_requests > 0) {
    found.push(
      `${count(reported_cost_requests)} requests are on models the price catalog does not know; their cost ` +
        `($${reported_cost_usd.toFixed(2)}) is the cost the source stated, used as it is and not re-priced.`,
    );
  }
  return found;
}

function notes(profile: WorkloadTotals): string[] {
  const found: string[] = [];
  if (profile.requests < MIN_EVENTS) {
    found.push(
      `Only ${profile.requests} requests: at least ${MIN_EVENTS} are needed before any opportunity is claimed.`,
    );
  }
  found.push(...originNotes(profile));
  if (profile.unpriced_requests > 0) {
    found.push(
      `${count(profile.unpriced_requests)} requests are on models without prices and state no cost; they are counted but not priced.`,
    );
  }
  if (profile.requests > 0) {
    found.push(`Monthly figures scale the observed ${profile.period.days.toFixed(2)} days to 30 days.`);
  }
  return found;
}

/** Scores what the data holds and names what is missing. */
export function assessDataQuality(profile: WorkloadTotals): DataQuality {
  let completeness = 0;
  const missing: DataQuality['missing'] = [];
  for (const signal of SIGNALS) {
    const score = profile.requests === 0 ? 0 : signal.score(profile);
    completeness += signal.weight * score;
    if (score < WEAK_SIGNAL) {
      missing.push({ field: signal.field, why: signal.why });
    }
  }
  const rounded = Math.round(completeness * 1000) / 1000;
  return { sufficiency: verdict(profile, rounded), completeness: rounded, missing, notes: notes(profile) };
}

/** Whether the data allows opportunities to be claimed at all. */
export function allowsClaims(quality: DataQuality): boolean {
  return quality.sufficiency !== 'insufficient';
}
