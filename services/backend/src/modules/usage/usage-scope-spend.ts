/**
 * Daily spend and errors of one slice of an organization's usage (all of it, or one feature, model,
 * provider, user or tag), per UTC day in one query: what budgets compare against their amount,
 * forecast from, and screen for anomalies. A model or provider matches as sent or as the catalog
 * resolved it, so a budget on `gpt-4o` also covers its dated versions. Unpriced requests add no cost.
 * @module
 */
import { scopedFrom, type SqlQuery, type UsageScope } from './usage-scope.js';

/** Which events of the organization a slice keeps; `org` keeps them all. */
export interface UsageSlice {
  kind: 'org' | 'feature' | 'model' | 'provider' | 'user_id' | 'tag';
  value: string;
}

/** One UTC day of a slice. */
export interface DailySliceSpend {
  day: string;
  cost_usd: number;
  /** Requests (an aggregated export row counts all the requests it stands for). */
  requests: number;
  error_requests: number;
}

const SLICE_CONDITIONS: Record<UsageSlice['kind'], string | undefined> = {
  org: undefined,
  feature: 'e.feature = {slice:String}',
  model: '(e.model = {slice:String} OR e.priced_model = {slice:String})',
  provider: '(e.provider = {slice:String} OR e.priced_provider = {slice:String})',
  user_id: 'e.user_id = {slice:String}',
  tag: 'has(e.tags, {slice:String})',
};

const COLUMNS = [
  "toString(toDate(e.timestamp, 'UTC')) AS day",
  'ifNull(sum(e.cost_usd), 0) AS cost_usd',
  'sum(e.request_count) AS requests',
  "sumIf(e.request_count, e.status = 'error') AS error_requests",
].join(', ');

/** The query of `DailySliceSpend` rows over the scope's window, days without usage left out, oldest first. */
export function dailySliceSpendSql(events: string, scope: UsageScope, slice: UsageSlice): SqlQuery {
  const extraCondition = SLICE_CONDITIONS[slice.kind];
  const from = scopedFrom(events, scope, {
    alias: 'e',
    ...(extraCondition === undefined ? {} : { extraCondition }),
  });
  return {
    sql: `SELECT ${COLUMNS} ${from.sql} GROUP BY day ORDER BY day`,
    params: extraCondition === undefined ? from.params : { ...from.params, slice: slice.value },
  };
}
