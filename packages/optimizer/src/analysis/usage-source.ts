/**
 * The port through which the engine reads usage: ClickHouse SQL over the `usage_events` table of
 * ARCHITECTURE §5. The backend (and `netra analyze`) implement it with their ClickHouse store; the
 * engine never imports a database client. Every query the engine sends filters on the organization
 * and passes values only as `{name:Type}` parameters.
 * @module
 */

export type SqlParams = Record<string, unknown>;

export interface UsageSource {
  /** Fully qualified name of the usage events table, e.g. `` `netra`.`usage_events` ``. */
  readonly table: string;
  /** Rows of a SELECT (JSON-typed: numbers as numbers, DateTime64 as text). */
  rows<Row>(sql: string, params: SqlParams): Promise<Row[]>;
  /** The same, in chunks, for results too large to hold at once (per-request passes). */
  stream<Row>(sql: string, params: SqlParams): AsyncIterable<Row[]>;
  /**
   * Optional (additive): runs a statement that returns no rows (CREATE TABLE … AS SELECT, DROP
   * TABLE). Together with `scratchTable` it lets the per-request pass run its window query once
   * into a scratch table and page through it, instead of streaming one huge ordered result.
   */
  command?(sql: string, params: SqlParams): Promise<void>;
  /** Optional (additive): the fully qualified name for a scratch table, `name` a plain identifier. */
  scratchTable?(name: string): string;
}

/** Which usage an analysis looks at. */
export interface AnalysisScope {
  orgId: string;
  /** Inclusive bounds; undefined means "from the first" / "to the last" stored event. */
  from?: Date | undefined;
  to?: Date | undefined;
}

/** The rules of ARCHITECTURE §4.2 that have a tunable number. */
export interface AnalysisSettings {
  /** Response-cache TTL: a repeat within it would be served from the cache (default 24 h). */
  responseCacheTtlMs: number;
  /** Provider prompt-cache TTL, refreshed on use (default 5 min). */
  promptCacheTtlMs: number;
  /** Prompt caching only counts from this many cacheable tokens (default 1,024). */
  minCacheableTokens: number;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  responseCacheTtlMs: 24 * 3_600_000,
  promptCacheTtlMs: 5 * 60_000,
  minCacheableTokens: 1_024,
};
