/**
 * One row per request in scope with the flags of ARCHITECTURE §4.2 computed in ClickHouse: the
 * exact-repeat flag (response caching), retried errors, and the prefix-reuse tokens (prompt
 * caching). The flags table of an analysis is written from it, one time slice at a time; the
 * profile sums that table per segment and the per-request pass pages through it, so both read the
 * very same rules.
 * @module
 */
import type { AnalysisSettings } from '@netra/optimizer';
import type { QueryParams } from '#platform/stores/clickhouse.js';
import { scopedEventsSql, type SqlQuery, type UsageScope } from '#modules/usage/usage-scope.js';
import { prefixReuseSql } from './prefix-reuse-sql.js';

/** Output column name → SQL expression over a `usage_events` row. */
export type ColumnMap = Readonly<Record<string, string>>;

/** A failed request counts as retried when the same request follows within this window. */
export const RETRY_WINDOW_MS = 10 * 60_000;

function selectList(columns: ColumnMap): string[] {
  return Object.entries(columns).map(([name, expression]) =>
    name === expression ? name : `${expression} AS ${name}`,
  );
}

/** The key of a request's repeats: a 64-bit hash of (model, prompt_hash), as in prefix-reuse-sql, for speed. */
const PROMPT_KEY = 'cityHash64(model, prompt_hash)';

/**
 * The requests with a prompt hash whose (model, prompt_hash) occurs more than once among the
 * events read, with `response_repeat` (an earlier SUCCESSFUL request with the same model and
 * prompt_hash at most the response-cache TTL earlier; the repeat itself may have any status) and
 * `retried_error`. Every other request is alone in its window, neither a repeat nor retried, and
 * has no row here: at 1M requests of the bench workload, 53K rows go through the windows instead of
 * 1M. Both windows share one partitioning and order, so ClickHouse sorts once.
 */
function repeatedRequests(events: string, scope: UsageScope, read?: string): SqlQuery {
  const hashed = read === undefined ? "prompt_hash != ''" : `prompt_hash != '' AND ${read}`;
  const keys = scopedEventsSql(events, scope, [`${PROMPT_KEY} AS prompt_key`], hashed);
  const repeated = `${hashed} AND ${PROMPT_KEY} IN (SELECT prompt_key FROM (${keys.sql}) GROUP BY prompt_key HAVING count() > 1)`;
  const scoped = scopedEventsSql(events, scope, [`${PROMPT_KEY} AS prompt_key`, 'status'], repeated);
  const window = 'PARTITION BY prompt_key ORDER BY ts, event_id';
  return {
    sql:
      'SELECT event_id, ts, ' +
      "ifNull(ts - max(if(status = 'success', ts, NULL)) OVER earlier <= {response_ttl_ms:Int64}, 0) AS response_repeat, " +
      "status = 'error' AND " +
      `leadInFrame(toNullable(ts), 1) OVER adjacent - ts <= ${RETRY_WINDOW_MS} AS retried_error ` +
      `FROM (${scoped.sql}) ` +
      `WINDOW earlier AS (${window} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), ` +
      `adjacent AS (${window} ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING)`,
    params: { ...keys.params, ...scoped.params },
  };
}

/** The TTL parameters every flags query binds. */
function ttlParams(settings: AnalysisSettings): QueryParams {
  return {
    response_ttl_ms: Math.round(settings.responseCacheTtlMs),
    prompt_ttl_ms: Math.round(settings.promptCacheTtlMs),
  };
}

/** A stretch of the scope's time line, `[fromMs, toMs)` in epoch ms; an end left out is open. */
export interface TimeSlice {
  fromMs?: number | undefined;
  toMs?: number | undefined;
}

/**
 * The conditions that compute the flags of one slice's requests exactly: every window looks back
 * at most a TTL (a repeat, a cached prefix) and ahead at most the retry window or the prompt TTL
 * (a retry, a later reuse), so each window READS the events of the slice widened by those spans and
 * KEEPS the requests of the slice. `read` and `keepRead` are on the stored timestamp (a primary-key
 * range), `keep` on `ts`; empty for an open end.
 */
function sliceConditions(slice: TimeSlice, settings: AnalysisSettings) {
  const conditions = {
    repeats: [] as string[],
    reuse: [] as string[],
    keep: [] as string[],
    keepRead: [] as string[],
  };
  const params: QueryParams = {};
  const at = (name: string) => `fromUnixTimestamp64Milli({${name}:Int64}, 'UTC')`;
  if (slice.fromMs !== undefined) {
    params.repeats_from_ms = slice.fromMs - Math.round(settings.responseCacheTtlMs);
    params.reuse_from_ms = slice.fromMs - Math.round(settings.promptCacheTtlMs);
    params.slice_from_ms = slice.fromMs;
    conditions.repeats.push(`timestamp >= ${at('repeats_from_ms')}`);
    conditions.reuse.push(`timestamp >= ${at('reuse_from_ms')}`);
    conditions.keep.push('ts >= {slice_from_ms:Int64}');
    conditions.keepRead.push(`timestamp >= ${at('slice_from_ms')}`);
  }
  if (slice.toMs !== undefined) {
    params.repeats_to_ms = slice.toMs + RETRY_WINDOW_MS;
    params.reuse_to_ms = slice.toMs + Math.round(settings.promptCacheTtlMs);
    params.slice_to_ms = slice.toMs;
    conditions.repeats.push(`timestamp < ${at('repeats_to_ms')}`);
    conditions.reuse.push(`timestamp < ${at('reuse_to_ms')}`);
    conditions.keep.push('ts < {slice_to_ms:Int64}');
    conditions.keepRead.push(`timestamp < ${at('slice_to_ms')}`);
  }
  const all = (list: string[]) => (list.length === 0 ? undefined : list.join(' AND '));
  return {
    repeats: all(conditions.repeats),
    reuse: all(conditions.reuse),
    keep: all(conditions.keep),
    keepRead: all(conditions.keepRead),
    params,
  };
}

/**
 * The requests of `scope` with the caller's `columns` plus `event_id`, `ts` (epoch ms),
 * `response_repeat`, `retried_error`, `cacheable_prefix_tokens` and `cache_write_prefix_tokens`
 * (0 for requests without prefix hashes). Unordered; callers sort or aggregate. With `slice`, only
 * the requests of that slice, flagged exactly as in the whole scope. The flags come from the few
 * requests that repeat a prompt or a prefix block, joined onto the requests read once for the slice
 * alone: carrying the caller's columns through the windows' sorts (and over the look-back) costs
 * more than the joins.
 */
export function requestFlagsSql(
  events: string,
  scope: UsageScope,
  settings: AnalysisSettings,
  columns: ColumnMap,
  slice: TimeSlice = {},
): SqlQuery {
  const { repeats: repeatsRead, reuse: reuseRead, keep, keepRead, params } = sliceConditions(slice, settings);
  const requests = scopedEventsSql(events, scope, selectList(columns), keepRead);
  const repeats = repeatedRequests(events, scope, repeatsRead);
  const keptRepeats = keep === undefined ? repeats.sql : `SELECT * FROM (${repeats.sql}) WHERE ${keep}`;
  const reuse = prefixReuseSql(events, scope, { read: reuseRead, keep });
  const output = Object.keys(columns).map((name) => `r.${name} AS ${name}`);
  const on = (alias: string) => `r.event_id = ${alias}.event_id AND r.ts = ${alias}.ts`;
  return {
    sql:
      `SELECT r.event_id AS event_id, r.ts AS ts, ${output.join(', ')}, ` +
      'toBool(ifNull(repeats.response_repeat, 0)) AS response_repeat, ' +
      'toBool(ifNull(repeats.retried_error, 0)) AS retried_error, ' +
      'toInt64(reuse.cacheable) AS cacheable_prefix_tokens, ' +
      'toInt64(reuse.writes) AS cache_write_prefix_tokens ' +
      `FROM (${requests.sql}) AS r ` +
      `LEFT JOIN (${keptRepeats}) AS repeats ON ${on('repeats')} ` +
      `LEFT JOIN (${reuse.sql}) AS reuse ON ${on('reuse')}`,
    params: { ...requests.params, ...repeats.params, ...reuse.params, ...ttlParams(settings), ...params },
  };
}
