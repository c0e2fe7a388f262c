/**
 * Realized savings of an applied recommendation: its scope's usage the 30 days before the day it was
 * applied against the (up to) 30 days since, from ClickHouse. Pure rules here; the query is in
 * realized-usage.repository.
 *
 * - Each side's cost per request (priced requests only: an unpriced one adds no cost and would
 *   dilute it) and its cost per month (cost ÷ days with usage × 30).
 * - Realized monthly savings = (cost per request before − after) × requests per month after: what the
 *   traffic of now would have cost at the old unit cost, less what it costs.
 * - The metric the recommendation targets, before and after (cache-read share for prompt caching, …).
 * - A day is a UTC calendar day with at least one request in scope; until both sides have MIN_DAYS of
 *   them the answer is `not_enough_data`.
 * @module
 */
import type { RealizedSavings } from '@netra/shared/contracts';
import type { RecommendationScope } from './recommendations.tables.js';

export const REALIZED_WINDOW_DAYS = 30;
export const MIN_DAYS = 3;
const DAY_MS = 86_400_000;
const MONTH_DAYS = 30;

/** One side's usage in the recommendation's scope, as realized-usage.repository reads it. */
export interface SideUsage {
  requests: number;
  priced_requests: number;
  cost_usd: number;
  days: number;
  input_tokens: number;
  cache_read_tokens: number;
  batch_requests: number;
  error_requests: number;
  /** Requests with a prompt hash, and how many distinct (model, hash) pairs among them. */
  hashed_requests: number;
  distinct_hashes: number;
  /** Requests on the scope's model (for kinds that move traffic to another model). */
  model_requests: number;
}

export const EMPTY_SIDE: SideUsage = {
  requests: 0,
  priced_requests: 0,
  cost_usd: 0,
  days: 0,
  input_tokens: 0,
  cache_read_tokens: 0,
  batch_requests: 0,
  error_requests: 0,
  hashed_requests: 0,
  distinct_hashes: 0,
  model_requests: 0,
};

export interface RealizedWindows {
  before: { from: Date; to: Date };
  after: { from: Date; to: Date };
}

export function realizedWindows(appliedAt: Date, now: Date): RealizedWindows {
  const applied = appliedAt.getTime();
  return {
    before: { from: new Date(applied - REALIZED_WINDOW_DAYS * DAY_MS), to: appliedAt },
    after: {
      from: appliedAt,
      to: new Date(Math.min(now.getTime(), applied + REALIZED_WINDOW_DAYS * DAY_MS)),
    },
  };
}

/** Kinds whose change moves traffic to another model or provider: measured on the whole feature. */
const MOVES_TRAFFIC = new Set(['model_rightsizing', 'provider_arbitrage']);

/**
 * The usage a recommendation is measured on: its scope, except that a change moving traffic off a
 * model is measured on everything its feature sends (on the model itself, the moved requests would
 * simply vanish from the after side).
 */
export function measuredScope(kind: string, scope: RecommendationScope): RecommendationScope {
  if (!MOVES_TRAFFIC.has(kind)) {
    return scope;
  }
  return scope.feature === undefined ? {} : { feature: scope.feature };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
const costPerRequest = (side: SideUsage) => ratio(side.cost_usd, side.priced_requests);

type MetricRule = (side: SideUsage) => number;

const METRICS: Record<string, { name: string; value: MetricRule } | undefined> = {
  prompt_caching: {
    name: 'cache_read_share_of_input_tokens',
    value: (side) => ratio(side.cache_read_tokens, side.input_tokens),
  },
  model_rightsizing: {
    name: 'premium_model_request_share',
    value: (side) => ratio(side.model_requests, side.requests),
  },
  batch_api: { name: 'batch_request_share', value: (side) => ratio(side.batch_requests, side.requests) },
  error_waste: { name: 'error_rate', value: (side) => ratio(side.error_requests, side.requests) },
};

/** Repeat share when prompts carry hashes; otherwise what is left to see, requests per day. */
function responseCachingMetric(before: SideUsage, after: SideUsage) {
  if (before.hashed_requests + after.hashed_requests > 0) {
    const repeats = (side: SideUsage) =>
      ratio(side.hashed_requests - side.distinct_hashes, side.hashed_requests);
    return { name: 'repeat_request_share', before: repeats(before), after: repeats(after) };
  }
  const perDay = (side: SideUsage) => ratio(side.requests, side.days);
  return { name: 'requests_per_day', before: perDay(before), after: perDay(after) };
}

export function targetMetric(kind: string, before: SideUsage, after: SideUsage) {
  if (kind === 'response_caching') {
    return responseCachingMetric(before, after);
  }
  const rule = METRICS[kind];
  if (rule === undefined || (kind === 'model_rightsizing' && before.model_requests === 0)) {
    return { name: 'cost_per_request_usd', before: costPerRequest(before), after: costPerRequest(after) };
  }
  return { name: rule.name, before: rule.value(before), after: rule.value(after) };
}

function sideFigures(side: SideUsage) {
  return {
    requests: side.requests,
    cost_usd: side.cost_usd,
    cost_per_request_usd: costPerRequest(side),
    monthly_cost_usd: ratio(side.cost_usd, side.days) * MONTH_DAYS,
  };
}

function notEnoughData(before: SideUsage, after: SideUsage): RealizedSavings {
  const short = after.days < MIN_DAYS ? 'after it was applied' : 'before it was applied';
  const days = after.days < MIN_DAYS ? after.days : before.days;
  return {
    status: 'not_enough_data',
    message: `Not enough data yet: ${days} day${days === 1 ? '' : 's'} of usage in scope ${short}; ${MIN_DAYS} needed on each side.`,
    days_before: before.days,
    days_after: after.days,
    min_days: MIN_DAYS,
  };
}

/** The realized savings of one applied recommendation, from its two sides' usage. */
export function realizedSavings(kind: string, before: SideUsage, after: SideUsage): RealizedSavings {
  if (before.days < MIN_DAYS || after.days < MIN_DAYS) {
    return notEnoughData(before, after);
  }
  const requestsPerMonthAfter = ratio(after.requests, after.days) * MONTH_DAYS;
  return {
    status: 'measured',
    days_before: before.days,
    days_after: after.days,
    before: sideFigures(before),
    after: sideFigures(after),
    realized_monthly_savings_usd: (costPerRequest(before) - costPerRequest(after)) * requestsPerMonthAfter,
    metric: targetMetric(kind, before, after),
  };
}
