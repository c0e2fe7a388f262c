/**
 * The spend of a scope in total, by provider × model and by feature, in ONE query: the usage API's
 * cost summary and the engine's report baseline both read it, so they can never disagree.
 * @module
 */
import type { CostFigures, CostSummary } from '@netra/optimizer';
import { scopedFrom, type SqlQuery, type UsageScope } from './usage-scope.js';

// Qualified as e.cost_usd: unqualified, the name would resolve to the output alias, an aggregate.
// A row stands for request_count requests (a usage report's bucket stands for many). A request the
// catalog cannot price but whose source stated a cost is priced at that cost (cost_source
// 'reported'), so only requests with no cost at all are unpriced. Dollars are summed with Kahan
// compensation: a plain sum's last digits follow the order ClickHouse adds in, which follows the
// table's part layout and threads, so the same usage gave reports differing in the 15th digit.
const FIGURES =
  'sum(e.request_count) AS requests, ifNull(sumKahan(e.cost_usd), 0) AS cost_usd, ' +
  'sumIf(e.request_count, e.cost_usd IS NULL) AS unpriced_requests';

/**
 * One row per provider × model, per feature and for the total, in one pass. With
 * group_by_use_nulls the key columns outside a row's grouping set are NULL, which tells the sets
 * apart (a stored feature is never NULL, only empty). The empty set always answers one row, with
 * zeros for an empty scope.
 */
const GROUPING =
  'GROUP BY GROUPING SETS ((provider, model), (feature), ()) ' +
  'ORDER BY cost_usd DESC, requests DESC, provider, model, feature SETTINGS group_by_use_nulls = 1';

/** A row of the summary query. */
export type CostRow = CostFigures & { provider: string | null; model: string | null; feature: string | null };

export function costSummarySql(events: string, scope: UsageScope): SqlQuery {
  const from = scopedFrom(events, scope, { alias: 'e' });
  return { sql: `SELECT provider, model, feature, ${FIGURES} ${from.sql} ${GROUPING}`, params: from.params };
}

function figuresOf(row: CostRow): CostFigures {
  return { requests: row.requests, cost_usd: row.cost_usd, unpriced_requests: row.unpriced_requests };
}

/** Splits the rows into the summary, keeping their order (largest first) within each list. */
export function toCostSummary(rows: readonly CostRow[]): CostSummary {
  const summary: CostSummary = {
    requests: 0,
    total_cost_usd: 0,
    unpriced_requests: 0,
    by_model: [],
    by_feature: [],
  };
  for (const row of rows) {
    if (row.provider !== null && row.model !== null) {
      summary.by_model.push({ provider: row.provider, model: row.model, ...figuresOf(row) });
    } else if (row.feature !== null) {
      summary.by_feature.push({ feature: row.feature, ...figuresOf(row) });
    } else {
      summary.requests = row.requests;
      summary.total_cost_usd = row.cost_usd;
      summary.unpriced_requests = row.unpriced_requests;
    }
  }
  return summary;
}
