/**
 * Prompt-cache reuse per request (ARCHITECTURE §4.2), computed inside ClickHouse. Each request's
 * prefix hashes are exploded to one row per block; a window over (model, hash) ordered by
 * (timestamp, event_id) finds the previous and next occurrence of the same block. A block is
 * "seen" when its previous occurrence is at most the prompt-cache TTL earlier: every occurrence
 * refreshes the cache entry, so the gap to the previous occurrence is what matters, and an earlier
 * request with the same timestamp counts, as in a cache fed sequentially. Rows are then regrouped
 * per request into its cacheable and cache-write prefix tokens. Windows partition by a 64-bit hash
 * of (model, hash) rather than the strings: sorting integers halves the query time, and a
 * collision among a few million keys is vanishingly unlikely.
 * @module
 */
import { scopedEventsSql, type SqlQuery, type UsageScope } from '#modules/usage/usage-scope.js';

/** Window defaults for "no previous / no next occurrence": far enough that no TTL reaches them. */
export const FAR_PAST_MS = '-4611686018427387904';
export const FAR_FUTURE_MS = '4611686018427387904';

const TTL = '{prompt_ttl_ms:Int64}';

/** One row per (request, block): position is 1-based; block sizes and input as signed integers. */
function exploded(events: string, scope: UsageScope, read: string | undefined): SqlQuery {
  const scoped = scopedEventsSql(
    events,
    scope,
    ['model', 'toInt64(input_tokens) AS input', 'toInt64(prefix_block_tokens) AS block', 'prefix_hashes'],
    read === undefined ? 'notEmpty(prefix_hashes)' : `notEmpty(prefix_hashes) AND ${read}`,
  );
  return {
    sql:
      'SELECT event_id, ts, model, input, block, length(prefix_hashes) AS blocks, hash, position ' +
      `FROM (${scoped.sql}) ARRAY JOIN prefix_hashes AS hash, arrayEnumerate(prefix_hashes) AS position`,
    params: scoped.params,
  };
}

/** Adds, per block, whether it is cached now (`seen`) and whether a later request reuses it in time. */
function withOccurrences(events: string, scope: UsageScope, read: string | undefined): SqlQuery {
  const blocks = exploded(events, scope, read);
  return {
    sql:
      'SELECT event_id, ts, input, block, blocks, position, ' +
      `ts - lagInFrame(ts, 1, ${FAR_PAST_MS}) OVER occurrences <= ${TTL} AS seen, ` +
      `leadInFrame(ts, 1, ${FAR_FUTURE_MS}) OVER occurrences - ts <= ${TTL} AS reused_later, ` +
      // The last block of a prompt may be partial.
      'greatest(0, least(block, input - (position - 1) * block)) AS block_tokens ' +
      `FROM (${blocks.sql}) ` +
      'WINDOW occurrences AS (PARTITION BY cityHash64(model, hash) ORDER BY ts, event_id ' +
      'ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)',
    params: blocks.params,
  };
}

/** Which events the windows read (a condition on the stored timestamp) and which requests are kept (on `ts`). */
export interface ReuseSlice {
  read?: string | undefined;
  keep?: string | undefined;
}

/**
 * Per request with prefix hashes: `event_id`, `ts`, `cacheable` (the leading run of seen blocks ×
 * block size, capped at the input) and `writes` (tokens of the blocks not cached now that a later
 * request within the TTL reuses, capped so that cacheable + writes ≤ input). Binds `prompt_ttl_ms`.
 */
export function prefixReuseSql(events: string, scope: UsageScope, slice: ReuseSlice = {}): SqlQuery {
  const blocks = withOccurrences(events, scope, slice.read);
  const where = slice.keep === undefined ? '' : `WHERE ${slice.keep} `;
  return {
    sql:
      'SELECT event_id, ts, any(input) AS request_input, ' +
      // The first unseen position ends the leading run; with none, the run is every block.
      'least((min(if(seen, blocks + 1, position)) - 1) * any(block), request_input) AS cacheable, ' +
      'least(sumIf(block_tokens, NOT seen AND reused_later), request_input - cacheable) AS writes ' +
      `FROM (${blocks.sql}) ${where}GROUP BY event_id, ts`,
    params: blocks.params,
  };
}
