/**
 * Spend analytics answers (`GET /api/v1/orgs/{org_id}/analytics/spend` and `…/analytics/summary`).
 * Spend is the sum of `cost_usd` over priced requests (the catalog's price, or the cost the source
 * stated where the catalog cannot price the model); requests nobody could price are counted apart
 * as `unpriced_requests`, never as $0. The FOCUS export re-sums to the same spend.
 */
import { z } from 'zod';

export const analyticsBucketSchema = z.enum(['hour', 'day', 'week']);
export type AnalyticsBucket = z.infer<typeof analyticsBucketSchema>;

/** Where an answer was read from: the hourly or daily aggregates, the hourly ones with user_id, or the raw events. */
export const analyticsSourceSchema = z.enum([
  'usage_hourly',
  'usage_daily',
  'usage_hourly_users',
  'usage_events',
]);
export type AnalyticsSource = z.infer<typeof analyticsSourceSchema>;

const count = z.number().int().nonnegative();

/** The sums every answer carries, for a bucket, a group, a period or the whole window. */
export const spendFiguresSchema = z.object({
  spend_usd: z.number(),
  /** Requests (a provider report's row counts the requests it stands for). */
  requests: count,
  /** Requests with no cost at all: not in spend_usd. */
  unpriced_requests: count,
  error_requests: count,
  /** Spend of failed requests that were billed: error waste. */
  error_spend_usd: z.number(),
  input_tokens: count,
  output_tokens: count,
  cache_read_tokens: count,
  cache_write_tokens: count,
  reasoning_tokens: count,
});
export type SpendFigures = z.infer<typeof spendFiguresSchema>;

export const spendPointSchema = spendFiguresSchema.extend({
  /** Start of the bucket (UTC). */
  bucket: z.iso.datetime(),
});

export const spendSeriesSchema = z.object({
  /** The group's value ('' where the events have none); null when the answer is not grouped. */
  key: z.string().nullable(),
  /** True for the one series that sums every group beyond the `limit` largest. */
  other: z.boolean(),
  totals: spendFiguresSchema,
  /** Buckets with usage only, in time order. */
  points: z.array(spendPointSchema),
});
export type SpendSeries = z.infer<typeof spendSeriesSchema>;

export const spendAnswerSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  bucket: analyticsBucketSchema,
  group_by: z.string().nullable(),
  source: analyticsSourceSchema,
  /** Every bucket start of the window, empty ones included. */
  buckets: z.array(z.iso.datetime()),
  /** Distinct groups in the window; more than `series` shows when the smallest were summed into `other`. */
  groups: count,
  series: z.array(spendSeriesSchema),
  totals: spendFiguresSchema,
});
export type SpendAnswer = z.infer<typeof spendAnswerSchema>;

export const costDriverSchema = spendFiguresSchema.extend({
  provider: z.string(),
  model: z.string(),
  feature: z.string(),
  /** This driver's part of the window's spend (0–1); null when the window has no spend. */
  share: z.number().nullable(),
});

export const unpricedModelSchema = z.object({ provider: z.string(), model: z.string(), requests: count });

export const periodTotalsSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  totals: spendFiguresSchema,
});

export const spendChangeSchema = z.object({
  spend_usd: z.number(),
  /** Percent against the previous period; null when it had no spend. */
  spend_pct: z.number().nullable(),
  requests: z.number().int(),
  requests_pct: z.number().nullable(),
});

export const spendSummarySchema = z.object({
  source: analyticsSourceSchema,
  current: periodTotalsSchema,
  /** The period of equal length just before. */
  previous: periodTotalsSchema,
  change: spendChangeSchema,
  /** cache_read_tokens / input_tokens of the period; null without input tokens. */
  cache_read_share: z.number().nullable(),
  error_waste: z.object({ spend_usd: z.number(), requests: count }),
  /** Models with requests nobody could price, most requests first. */
  unpriced_models: z.array(unpricedModelSchema),
  /** The largest provider × model × feature spends, largest first. */
  top_cost_drivers: z.array(costDriverSchema),
});
export type SpendSummary = z.infer<typeof spendSummarySchema>;
