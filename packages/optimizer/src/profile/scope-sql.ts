/**
 * The events an analysis reads: one organization, an inclusive time range, FINAL so that an event
 * stored twice counts once. Every profile and per-request query starts from this text.
 * @module
 */
import type { AnalysisScope, SqlParams, UsageSource } from '#analysis/usage-source.js';

/** SQL text plus the parameters it binds. */
export interface SqlQuery {
  sql: string;
  params: SqlParams;
}

/** The WHERE condition of a scope and its parameters (`org`, `from_ms`, `to_ms`). */
export function scopeCondition(scope: AnalysisScope): SqlQuery {
  const conditions = ['org_id = {org:String}'];
  const params: SqlParams = { org: scope.orgId };
  if (scope.from !== undefined) {
    conditions.push("timestamp >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')");
    params.from_ms = scope.from.getTime();
  }
  if (scope.to !== undefined) {
    conditions.push("timestamp <= fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')");
    params.to_ms = scope.to.getTime();
  }
  return { sql: conditions.join(' AND '), params };
}

/**
 * A subquery of the scope's events with the given column expressions, plus `event_id` and `ts`
 * (epoch ms, the ordering key of every window), optionally narrowed by `extraCondition`.
 */
export function scopedEventsSql(
  source: UsageSource,
  scope: AnalysisScope,
  columns: readonly string[],
  extraCondition?: string,
): SqlQuery {
  const where = scopeCondition(scope);
  const condition = extraCondition === undefined ? where.sql : `${where.sql} AND ${extraCondition}`;
  const selected = ['event_id', 'toUnixTimestamp64Milli(timestamp) AS ts', ...columns].join(', ');
  return { sql: `SELECT ${selected} FROM ${source.table} FINAL WHERE ${condition}`, params: where.params };
}
