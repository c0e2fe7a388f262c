/**
 * The rows the profile queries answer with, checked at the boundary against the aggregates the
 * engine's UsageSource port promises. ClickHouse may send 64-bit integers as numbers or as quoted
 * text depending on the client's settings, so counts and sums are coerced; nullable aggregates
 * (latency of a segment without latencies) stay null.
 * @module
 */
import type { SegmentFigures, SegmentFlags, UsageTotals } from '@netra/optimizer';
import { z } from 'zod';

const count = z.coerce.number();
const nullableNumber = z.union([z.null(), z.coerce.number()]);
const quantiles = z.array(count);

export const totalsRowSchema = z.object({
  requests: count,
  total_cost: count,
  unpriced: count,
  start_ms: count,
  end_ms: count,
  aggregated_requests: count,
  uncounted_requests: count,
  reported_cost_requests: count,
  reported_cost: count,
  with_tokens: count,
  with_latency: count,
  with_feature: count,
  with_prompt_hash: count,
  with_prefix_hashes: count,
  with_prompt: count,
  with_price: count,
}) satisfies z.ZodType<UsageTotals>;

const segmentKey = { feature: z.string(), provider: z.string(), model: z.string() };

export const plainSegmentRowSchema = z.object({
  ...segmentKey,
  pricing_provider: z.string(),
  pricing_model: z.string(),
  requests: count,
  aggregated_requests: count,
  errors: count,
  billed_error_cost: count,
  total_cost: count,
  unpriced: count,
  input_sum: count,
  output_sum: count,
  cache_read_sum: count,
  cache_write_sum: count,
  reasoning_sum: count,
  input_q: quantiles,
  output_q: quantiles,
  output_top: count,
  latency_q: z.union([z.null(), z.array(nullableNumber)]),
  ttft_median: nullableNumber,
  max_tokens_set: count,
  max_tokens_median: nullableNumber,
  streamed: count,
  batched: count,
  hours: z.array(count).length(24),
  days_active: count,
  offline: count,
  with_prompt_hash: count,
  with_prefix_hashes: count,
  with_prompt: count,
  session_count: count,
  samples: z.array(z.string()),
}) satisfies z.ZodType<SegmentFigures>;

export const flagSegmentRowSchema = z.object({
  ...segmentKey,
  retried: count,
  repeats: count,
  repeat_cost: count,
  cacheable_sum: count,
  cacheable_min_rule_sum: count,
  write_sum: count,
}) satisfies z.ZodType<SegmentFlags>;
