/**
 * The profile's SQL: the totals and coverage of the scope, the plain per-segment aggregates (read
 * straight from the table), and the aggregates of the per-request flags (repeats, retries, prefix
 * reuse). Segments are feature × provider × model; each query groups by the same three columns and
 * the caller joins them. Output aliases never reuse a column name, because ClickHouse would resolve
 * a later reference to that name to the aggregate. Dollar sums are compensated (Kahan): a plain sum
 * depends on the order ClickHouse adds the rows in, which follows how the table's parts happen to
 * be laid out, and a report rounded to the micro-dollar could then change with the layout.
 * @module
 */
import type { AnalysisSettings } from '@netra/optimizer';
import type { QueryParams } from '#platform/stores/clickhouse.js';
import { scopedFrom, type SqlQuery, type UsageScope } from '#modules/usage/usage-scope.js';

const SEGMENT_KEY = 'feature, provider, model';

/** Prompt samples per segment and the characters kept of each. */
export const PROMPT_SAMPLES = 5;
export const PROMPT_SAMPLE_CHARS = 2_000;

/**
 * A row stands for request_count requests (more than one for a usage report's bucket): request
 * figures sum it, never count rows. Aggregated rows are the buckets (they have a bucket end, or
 * stand for several requests).
 */
const AGGREGATED = '(period_end IS NOT NULL OR request_count > 1)';
/** Rows whose source gives no request count (Anthropic's usage report); see its converter. */
const UNCOUNTED = "metadata['request_count_reported'] = 'false'";
/** The hour of day is known for requests and for buckets of at most an hour. */
const HOUR_KNOWN =
  'ifNull(toUnixTimestamp64Milli(period_end) - toUnixTimestamp64Milli(timestamp), 0) <= 3600000';

/** Requests of the rows matching `condition`. */
const requestsIf = (condition: string) => `sumIf(request_count, ${condition})`;

/** Requests, cost, period bounds and how many requests carry each §4.1 field. */
export function totalsSql(events: string, scope: UsageScope): SqlQuery {
  const from = scopedFrom(events, scope);
  const counts = [
    'sum(request_count) AS requests',
    'ifNull(sumKahan(cost_usd), 0) AS total_cost',
    `${requestsIf('cost_usd IS NULL')} AS unpriced`,
    'toUnixTimestamp64Milli(min(timestamp)) AS start_ms',
    // A bucket lasts until its end: a one-day report is one day, not an instant.
    'toUnixTimestamp64Milli(max(ifNull(period_end, timestamp))) AS end_ms',
    `${requestsIf(AGGREGATED)} AS aggregated_requests`,
    `${requestsIf(UNCOUNTED)} AS uncounted_requests`,
    `${requestsIf("cost_source = 'reported'")} AS reported_cost_requests`,
    "ifNull(sumKahanIf(cost_usd, cost_source = 'reported'), 0) AS reported_cost",
    `${requestsIf('input_tokens > 0 OR output_tokens > 0')} AS with_tokens`,
    `${requestsIf('latency_ms IS NOT NULL')} AS with_latency`,
    `${requestsIf("feature != ''")} AS with_feature`,
    `${requestsIf("prompt_hash != ''")} AS with_prompt_hash`,
    `${requestsIf('notEmpty(prefix_hashes)')} AS with_prefix_hashes`,
    `${requestsIf("prompt != ''")} AS with_prompt`,
    `${requestsIf('cost_usd IS NOT NULL')} AS with_price`,
  ];
  return { sql: `SELECT ${counts.join(', ')} ${from.sql}`, params: from.params };
}

/** 24 request counts, one per UTC hour of the day, from rows whose hour is known. */
function hourCounts(): string {
  const hours = Array.from({ length: 24 }, (_, hour) =>
    requestsIf(`toHour(timestamp) = ${hour} AND ${HOUR_KNOWN}`),
  );
  return `[${hours.join(', ')}] AS hours`;
}

/**
 * Exact per-request quantiles of a token column. A bucket counts as request_count requests of its
 * average size (weighted); without aggregated rows the inclusive interpolation is kept, so
 * request-level reports stay exactly as they were.
 */
function tokenQuantiles(levels: string, column: string, alias: string): string {
  return (
    `if(max(request_count) = 1, quantilesExactInclusive(${levels})(toFloat64(${column})), ` +
    `quantilesExactWeighted(${levels})(${column} / request_count, request_count)) AS ${alias}`
  );
}

/** Aggregates that need no per-request flags; token percentiles are exact (deterministic). */
const PLAIN_AGGREGATES = [
  // One pricing per segment: the newest priced one (a segment is never split by a price change);
  // with none priced, the newest row's. Keyed by the timestamp alone: a (priced, timestamp) tuple
  // as the key cost a third of this query at 1M requests.
  "if(countIf(priced_model != '') = 0, argMax(priced_provider, timestamp), " +
    "argMaxIf(priced_provider, timestamp, priced_model != '')) AS pricing_provider",
  "argMaxIf(priced_model, timestamp, priced_model != '') AS pricing_model",
  'sum(request_count) AS requests',
  `${requestsIf(AGGREGATED)} AS aggregated_requests`,
  `${requestsIf("status = 'error'")} AS errors`,
  "ifNull(sumKahanIf(cost_usd, status = 'error' AND cost_usd > 0), 0) AS billed_error_cost",
  'ifNull(sumKahan(cost_usd), 0) AS total_cost',
  `${requestsIf('cost_usd IS NULL')} AS unpriced`,
  'sum(input_tokens) AS input_sum',
  'sum(output_tokens) AS output_sum',
  'sum(cache_read_tokens) AS cache_read_sum',
  'sum(cache_write_tokens) AS cache_write_sum',
  'sum(reasoning_tokens) AS reasoning_sum',
  tokenQuantiles('0.5, 0.9', 'input_tokens', 'input_q'),
  tokenQuantiles('0.5, 0.9, 0.99', 'output_tokens', 'output_q'),
  // A bucket's largest request is unknown: its average stands in.
  'max(output_tokens / request_count) AS output_top',
  'quantilesExactInclusive(0.5, 0.9, 0.99)(latency_ms) AS latency_q',
  'quantileExactInclusive(0.5)(ttft_ms) AS ttft_median',
  `${requestsIf('max_tokens IS NOT NULL')} AS max_tokens_set`,
  'quantileExactInclusive(0.5)(max_tokens) AS max_tokens_median',
  `${requestsIf('stream')} AS streamed`,
  `${requestsIf('batch')} AS batched`,
  hourCounts(),
  'uniqExact(toDate(timestamp)) AS days_active',
  `${requestsIf("has(tags, 'offline') OR has(tags, 'batch') OR metadata['interactive'] = 'false'")} AS offline`,
  `${requestsIf("prompt_hash != ''")} AS with_prompt_hash`,
  `${requestsIf('notEmpty(prefix_hashes)')} AS with_prefix_hashes`,
  `${requestsIf("prompt != ''")} AS with_prompt`,
  "uniqExactIf(session_id, session_id != '') AS session_count",
  // Sample first, truncate after: only the kept prompts are cut.
  `arrayMap(text -> leftUTF8(text, ${PROMPT_SAMPLE_CHARS}), ` +
    `groupArraySampleIf(${PROMPT_SAMPLES}, 1)(prompt, prompt != '')) AS samples`,
];

/** Per segment: every SegmentProfile figure that the flags do not give. */
export function plainSegmentsSql(events: string, scope: UsageScope): SqlQuery {
  const from = scopedFrom(events, scope);
  return {
    sql: `SELECT ${SEGMENT_KEY}, ${PLAIN_AGGREGATES.join(', ')} ${from.sql} GROUP BY ${SEGMENT_KEY}`,
    params: from.params,
  };
}

function minCacheable(settings: AnalysisSettings): QueryParams {
  return { min_cacheable: Math.round(settings.minCacheableTokens) };
}

/** Per segment, the sums of the flags over a relation with the flags and the COLUMNS of analyzed-requests. */
function flagAggregatesSql(relation: string): string {
  const aggregates = [
    'countIf(retried_error) AS retried',
    'countIf(response_repeat) AS repeats',
    'sumKahanIf(ifNull(cost_usd, 0), response_repeat) AS repeat_cost',
    'sum(cacheable_prefix_tokens) AS cacheable_sum',
    'sumIf(greatest(0, cacheable_prefix_tokens - toInt64(cache_read_tokens)), ' +
      'cacheable_prefix_tokens >= {min_cacheable:Int64}) AS cacheable_min_rule_sum',
    'sum(cache_write_prefix_tokens) AS write_sum',
  ];
  return `SELECT ${SEGMENT_KEY}, ${aggregates.join(', ')} FROM ${relation} WHERE NOT aggregated GROUP BY ${SEGMENT_KEY}`;
}

/**
 * Per segment: repeats, retried errors and prefix reuse, summed over a table of per-request flags
 * made by materializeRequestFlags (analyzed-requests). They are request-level facts: an aggregated
 * row (a bucket of many requests) never counts, as the engine's changes never apply to one either.
 */
export function flagSegmentsOfTableSql(table: string, settings: AnalysisSettings): SqlQuery {
  return { sql: flagAggregatesSql(table), params: minCacheable(settings) };
}
