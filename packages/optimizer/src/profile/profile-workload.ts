/**
 * Builds the WorkloadProfile of a scope from the aggregates the UsageSource computes where the
 * usage is stored: totals and field coverage, the plain per-segment figures, the per-segment sums
 * of the per-request flags (repeats, retries, prefix reuse) and the spend by model and feature.
 * Events are never loaded for this.
 * @module
 */
import type { SegmentFigures, SegmentFlags, SegmentKey, UsageTotals } from '#analysis/usage-aggregates.js';
import type { AnalysisScope, AnalysisSettings, UsageSource } from '#analysis/usage-source.js';
import type {
  FieldCoverage,
  SegmentProfile,
  WorkloadProfile,
  WorkloadTotals,
} from '#analysis/workload-profile.js';

const DAY_MS = 86_400_000;
/** The shortest period a profile reports, so that per-day and monthly figures stay finite. */
const MIN_DAYS = 1 / 24;

/** A finite number or null (a store may answer NaN or null for quantiles of nothing). */
function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function coverageOf(totals: UsageTotals): FieldCoverage {
  const of = (part: number) => share(part, totals.requests);
  return {
    tokens: of(totals.with_tokens),
    latency: of(totals.with_latency),
    // The column is required: every stored event has a status (an ingested 'error' included).
    status: totals.requests === 0 ? 0 : 1,
    feature: of(totals.with_feature),
    prompt_hash: of(totals.with_prompt_hash),
    prefix_hashes: of(totals.with_prefix_hashes),
    prompt: of(totals.with_prompt),
    priced: of(totals.with_price),
  };
}

function emptyTotals(): WorkloadTotals {
  const now = new Date();
  const none = {
    tokens: 0,
    latency: 0,
    status: 0,
    feature: 0,
    prompt_hash: 0,
    prefix_hashes: 0,
    prompt: 0,
    priced: 0,
  };
  return {
    period: { start: now, end: now, days: MIN_DAYS },
    requests: 0,
    cost_usd: 0,
    unpriced_requests: 0,
    origins: {
      aggregated_requests: 0,
      uncounted_requests: 0,
      reported_cost_requests: 0,
      reported_cost_usd: 0,
    },
    coverage: none,
  };
}

function totalsOf(totals: UsageTotals): WorkloadTotals {
  return {
    period: {
      start: new Date(totals.start_ms),
      end: new Date(totals.end_ms),
      days: Math.max((totals.end_ms - totals.start_ms) / DAY_MS, MIN_DAYS),
    },
    requests: totals.requests,
    cost_usd: totals.total_cost,
    unpriced_requests: totals.unpriced,
    origins: {
      aggregated_requests: totals.aggregated_requests,
      uncounted_requests: totals.uncounted_requests,
      reported_cost_requests: totals.reported_cost_requests,
      reported_cost_usd: totals.reported_cost,
    },
    coverage: coverageOf(totals),
  };
}

/**
 * The totals part of the workload profile of `scope`, from one aggregate: what data sufficiency
 * is judged on, without the per-segment figures and flags (at 10M events those take a minute).
 */
export async function profileTotals(source: UsageSource, scope: AnalysisScope): Promise<WorkloadTotals> {
  const totals = await source.totals(scope);
  return totals.requests === 0 ? emptyTotals() : totalsOf(totals);
}

type FlagSums = Omit<SegmentFlags, keyof SegmentKey>;

const NO_FLAGS: FlagSums = {
  retried: 0,
  repeats: 0,
  repeat_cost: 0,
  cacheable_sum: 0,
  cacheable_min_rule_sum: 0,
  write_sum: 0,
};

function tokenFigures(plain: SegmentFigures) {
  const [input_p50 = 0, input_p90 = 0] = plain.input_q;
  const [output_p50 = 0, output_p90 = 0, output_p99 = 0] = plain.output_q;
  const [latency_p50, latency_p90, latency_p99] = plain.latency_q ?? [];
  return {
    input_tokens: plain.input_sum,
    output_tokens: plain.output_sum,
    cache_read_tokens: plain.cache_read_sum,
    cache_write_tokens: plain.cache_write_sum,
    reasoning_tokens: plain.reasoning_sum,
    input_p50,
    input_p90,
    output_p50,
    output_p90,
    output_p99,
    output_max: plain.output_top,
    latency_p50: finiteOrNull(latency_p50),
    latency_p90: finiteOrNull(latency_p90),
    latency_p99: finiteOrNull(latency_p99),
    ttft_p50: finiteOrNull(plain.ttft_median),
  };
}

function trafficFigures(plain: SegmentFigures) {
  const of = (part: number) => share(part, plain.requests);
  return {
    max_tokens_share: of(plain.max_tokens_set),
    max_tokens_p50: finiteOrNull(plain.max_tokens_median),
    stream_share: of(plain.streamed),
    batch_share: of(plain.batched),
    hours: plain.hours,
    active_days: plain.days_active,
    offline_share: of(plain.offline),
    with_prompt_hash_share: of(plain.with_prompt_hash),
    with_prefix_hashes_share: of(plain.with_prefix_hashes),
    with_prompt_share: of(plain.with_prompt),
  };
}

function segmentOf(plain: SegmentFigures, flags: FlagSums): SegmentProfile {
  return {
    feature: plain.feature,
    provider: plain.provider,
    model: plain.model,
    priced_provider: plain.pricing_provider,
    priced_model: plain.pricing_model,
    requests: plain.requests,
    aggregated_share: share(plain.aggregated_requests, plain.requests),
    errors: plain.errors,
    billed_error_cost_usd: plain.billed_error_cost,
    retried_errors: flags.retried,
    cost_usd: plain.total_cost,
    unpriced_requests: plain.unpriced,
    ...tokenFigures(plain),
    ...trafficFigures(plain),
    repeat_requests: flags.repeats,
    repeat_cost_usd: flags.repeat_cost,
    cacheable_tokens: flags.cacheable_sum,
    cacheable_tokens_min_rule: flags.cacheable_min_rule_sum,
    cache_write_prefix_tokens: flags.write_sum,
    sessions: plain.session_count,
    prompt_samples: plain.samples,
  };
}

/** The key that joins a segment's figures and flags. */
function segmentKeyOf(segment: SegmentKey): string {
  return JSON.stringify([segment.feature, segment.provider, segment.model]);
}

/** Largest spend first; ties in a fixed order so reports are reproducible. */
function bySpend(a: SegmentProfile, b: SegmentProfile): number {
  return b.cost_usd - a.cost_usd || b.requests - a.requests || segmentKeyOf(a).localeCompare(segmentKeyOf(b));
}

function joinSegments(plainRows: SegmentFigures[], flagRows: SegmentFlags[]): SegmentProfile[] {
  const flagsByKey = new Map(flagRows.map((row) => [segmentKeyOf(row), row]));
  return plainRows
    .map((plain) => segmentOf(plain, flagsByKey.get(segmentKeyOf(plain)) ?? NO_FLAGS))
    .sort(bySpend);
}

/**
 * The workload profile of `scope` (ARCHITECTURE §4.2 rules with the TTLs of `settings`). An empty
 * scope yields requests 0, no segments and a one-hour period ending now. The period runs from the
 * first request (or bucket start) to the last request (or bucket end): a one-day usage report is
 * one day, two hourly buckets two hours.
 */
export async function profileWorkload(
  source: UsageSource,
  scope: AnalysisScope,
  settings: AnalysisSettings,
): Promise<WorkloadProfile> {
  const totals = await source.totals(scope);
  if (totals.requests === 0) {
    return { ...emptyTotals(), segments: [], spend: { by_model: [], by_feature: [] } };
  }
  const figures = await source.segmentFigures(scope);
  const flags = await source.segmentFlags(scope, settings);
  const { by_model, by_feature } = await source.costSummary(scope);
  return { ...totalsOf(totals), segments: joinSegments(figures, flags), spend: { by_model, by_feature } };
}
