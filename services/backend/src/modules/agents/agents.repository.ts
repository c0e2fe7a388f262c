/**
 * The agents' reads of an organization's usage on ClickHouse, behind `AgentDependencies`
 * (`featuresOf`, `latestEventOf`, `dailyUsage`). The window of every read follows the usage
 * module's scope rule (one organization, half-open `[from, to)`, FINAL).
 *
 * The daily series reads the raw events rather than the `usage_daily` aggregate: the aggregate has
 * no latency, so the p95 needs the events anyway, one pass gives every figure of a day, and the
 * window of an analysis need not start on a day boundary. Feature names come from `usage_daily`
 * (one row per day × slice instead of one per request; a name is there exactly when it is in the
 * events, since every insert into the events feeds it).
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { scopedFrom } from '#modules/usage/usage-scope.js';
import type { DailyUsage } from './agent.js';

/** Feature names listed for triage's entity matching; an organization rarely has more. */
export const MAX_FEATURES = 500;

/**
 * Per UTC day: requests (an aggregated export row counts all the requests it stands for), priced
 * cost, failed requests, and the 95th percentile of end-to-end latency over the events that carry
 * one. `quantileDeterministic` keyed on the event id: exact up to 8,192 latencies a day, a fixed
 * sample beyond, so the same data always gives the same p95 (plain `quantile` samples at random).
 */
const DAILY_COLUMNS = [
  "toString(toDate(e.timestamp, 'UTC')) AS day",
  'toUInt64(sum(e.request_count)) AS requests',
  'ifNull(sum(e.cost_usd), 0) AS cost_usd',
  "toUInt64(sumIf(e.request_count, e.status = 'error')) AS errors",
  'quantileDeterministic(0.95)(e.latency_ms, cityHash64(e.event_id)) AS p95_latency_ms',
].join(', ');

export class AgentsRepository {
  readonly #store: ClickHouseStore;
  readonly #events: string;
  readonly #daily: string;

  constructor(store: ClickHouseStore) {
    this.#store = store;
    this.#events = store.table('usage_events');
    this.#daily = store.table('usage_daily');
  }

  /** The organization's feature names, alphabetically, the empty name left out. */
  async featuresOf(orgId: string): Promise<string[]> {
    const rows = await this.#store.queryRows<{ feature: string }>(
      `SELECT DISTINCT toString(feature) AS feature FROM ${this.#daily} ` +
        `WHERE org_id = {org_id:String} AND feature != '' ORDER BY feature LIMIT ${MAX_FEATURES}`,
      { org_id: orgId },
    );
    return rows.map((row) => row.feature);
  }

  /** When the organization's latest stored event happened; null with no usage. */
  async latestEventOf(orgId: string): Promise<Date | null> {
    // The newest row by the sorting key, read in order: no full scan of the organization. A
    // duplicate of an event has its timestamp, so no FINAL is needed.
    const [row] = await this.#store.queryRows<{ latest_ms: number }>(
      `SELECT toUnixTimestamp64Milli(timestamp) AS latest_ms FROM ${this.#events} ` +
        'WHERE org_id = {org_id:String} ORDER BY timestamp DESC LIMIT 1',
      { org_id: orgId },
    );
    return row === undefined ? null : new Date(row.latest_ms);
  }

  /** The organization's usage per UTC day over `[from, to)` (open ends unbounded), days without usage left out. */
  dailyUsage(orgId: string, from: Date | undefined, to: Date | undefined): Promise<DailyUsage[]> {
    const scope = scopedFrom(this.#events, { orgId, from, to }, { alias: 'e' });
    return this.#store.queryRows<DailyUsage>(
      `SELECT ${DAILY_COLUMNS} ${scope.sql} GROUP BY day ORDER BY day`,
      scope.params,
    );
  }
}
