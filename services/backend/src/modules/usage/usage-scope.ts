/**
 * Which usage events a read covers, as SQL: one organization and the half-open time window
 * `[from, to)` — an event exactly at `from` is in, one exactly at `to` is out, so consecutive
 * windows never count an event twice. Every read of `usage_events` (the usage API and the engine's
 * analyses) filters through here, so there is one rule. Reads use FINAL so that an event stored
 * twice by racing writers counts once, unless the caller knows the store holds every event once.
 * @module
 */
import type { QueryParams } from '#platform/stores/clickhouse.js';

/** An open end is unbounded. */
export interface TimeRange {
  from?: Date | undefined;
  to?: Date | undefined;
}

/** One organization's usage over a time range. */
export interface UsageScope extends TimeRange {
  orgId: string;
  /**
   * The store holds each event once (no two rows share organization, timestamp and id), as a
   * load that refused repeated and already stored ids leaves it: reads then skip FINAL, which could
   * change nothing and, over parts that overlap in time, costs more than the rest of a read.
   */
  distinctEvents?: boolean | undefined;
}

/** SQL text plus the parameters it binds. */
export interface SqlQuery {
  sql: string;
  params: QueryParams;
}

/** The WHERE condition of a scope and its parameters (`org_id`, `from_ms`, `to_ms`). */
export function scopeCondition(scope: UsageScope): SqlQuery {
  const conditions = ['org_id = {org_id:String}'];
  const params: QueryParams = { org_id: scope.orgId };
  if (scope.from !== undefined) {
    conditions.push("timestamp >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')");
    params.from_ms = scope.from.getTime();
  }
  if (scope.to !== undefined) {
    conditions.push("timestamp < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')");
    params.to_ms = scope.to.getTime();
  }
  return { sql: conditions.join(' AND '), params };
}

/** `FROM <events> FINAL WHERE <scope>[ AND extra]`, with an optional table alias (no FINAL for distinct events). */
export function scopedFrom(
  events: string,
  scope: UsageScope,
  options: { alias?: string; extraCondition?: string } = {},
): SqlQuery {
  const where = scopeCondition(scope);
  const alias = options.alias === undefined ? '' : ` AS ${options.alias}`;
  const condition =
    options.extraCondition === undefined ? where.sql : `${where.sql} AND ${options.extraCondition}`;
  const final = scope.distinctEvents === true ? '' : ' FINAL';
  return { sql: `FROM ${events}${alias}${final} WHERE ${condition}`, params: where.params };
}

/**
 * A subquery of the scope's events with the given column expressions, plus `event_id` and `ts`
 * (epoch ms, the ordering key of every window), optionally narrowed by `extraCondition`.
 */
export function scopedEventsSql(
  events: string,
  scope: UsageScope,
  columns: readonly string[],
  extraCondition?: string,
): SqlQuery {
  const from = scopedFrom(events, scope, extraCondition === undefined ? {} : { extraCondition });
  const selected = ['event_id', 'toUnixTimestamp64Milli(timestamp) AS ts', ...columns].join(', ');
  return { sql: `SELECT ${selected} ${from.sql}`, params: from.params };
}
