/**
 * The usage side of bill reconciliation: Netra's cost per UTC day × provider × model × project, in
 * one query over the scope's events. Models and providers are keyed as the catalog resolved them
 * (dated ids and aliases fold into one model, as the bill's do); unpriced models keep their own
 * name, lowercased. The project is the export's `project_id` (OpenAI) or `workspace_id` (Anthropic)
 * kept in metadata, '' when the event names none.
 * @module
 */
import { scopedFrom, type SqlQuery, type UsageScope } from './usage-scope.js';

/** One day × provider × model × project of usage. */
export interface DailyUsageCost {
  day: string;
  provider: string;
  model: string;
  project: string;
  /** Requests (an aggregated export row counts all the requests it stands for). */
  requests: number;
  unpriced_requests: number;
  cost_usd: number;
  /** The cost the source stated, summed; null when no event of the slice stated one. */
  reported_cost_usd: number | null;
}

const COLUMNS = [
  "toString(toDate(e.timestamp, 'UTC')) AS day",
  "if(e.priced_provider != '', e.priced_provider, e.provider) AS provider_key",
  "if(e.priced_model != '', e.priced_model, lower(e.model)) AS model_key",
  "if(e.metadata['project_id'] != '', e.metadata['project_id'], e.metadata['workspace_id']) AS project",
  'sum(e.request_count) AS requests',
  'sumIf(e.request_count, e.cost_usd IS NULL) AS unpriced_requests',
  'ifNull(sum(e.cost_usd), 0) AS cost_usd',
  'sum(e.reported_cost_usd) AS reported_cost_usd',
].join(', ');

/** The query of `DailyUsageCost` rows, ordered by day, provider, model and project. */
export function dailyUsageCostsSql(events: string, scope: UsageScope): SqlQuery {
  const from = scopedFrom(events, scope, { alias: 'e' });
  return {
    sql:
      `SELECT day, provider_key AS provider, model_key AS model, project, requests, unpriced_requests, ` +
      `cost_usd, reported_cost_usd FROM (SELECT ${COLUMNS} ${from.sql} ` +
      'GROUP BY day, provider_key, model_key, project) ORDER BY day, provider, model, project',
    params: from.params,
  };
}
