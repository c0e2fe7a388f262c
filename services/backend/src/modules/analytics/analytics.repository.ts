/**
 * Every analytics query, on ClickHouse: the hourly aggregates of migration 0004 where they can
 * answer, the raw usage events (FINAL) for tags and metadata (see analytics-sql).
 * @module
 */
import type { AnalyticsSource, SpendFigures } from '@netra/shared/contracts';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import type { AnalyticsQuery, AnalyticsWindow } from './analytics-query.js';
import {
  bucketSql,
  figuresSql,
  fromSql,
  groupKeySql,
  sourceFor,
  timeColumnOf,
  unpricedSql,
} from './analytics-sql.js';

/** One bucket of one group. */
export type BucketRow = SpendFigures & { bucket_s: number; listed: number; key: string };
/** A group's window totals with how many groups there are. */
export type GroupRow = SpendFigures & { key: string; groups: number };
export type PeriodRow = SpendFigures & { current: number };
export type DriverRow = SpendFigures & { provider: string; model: string; feature: string };
export interface UnpricedRow {
  provider: string;
  model: string;
  requests: number;
}

const TOP_DRIVERS = 10;
const UNPRICED_MODELS = 100;

/** Reads spend figures from the aggregates or the events. */
export class AnalyticsRepository {
  readonly #store: ClickHouseStore;

  constructor(store: ClickHouseStore) {
    this.#store = store;
  }

  #table(source: AnalyticsSource): string {
    return this.#store.table(source);
  }

  /** The `limit` largest groups by spend (then requests, then key), each row telling how many groups exist. */
  async topGroups(orgId: string, query: AnalyticsQuery, source: AnalyticsSource): Promise<GroupRow[]> {
    const from = fromSql(source, this.#table(source), orgId, query);
    const key = groupKeySql(query.groupBy);
    return this.#store.queryRows<GroupRow>(
      `SELECT ${key.sql} AS key, ${figuresSql(source)}, count() OVER () AS groups ${from.sql} ` +
        'GROUP BY key ORDER BY spend_usd DESC, requests DESC, key LIMIT {limit:UInt32}',
      { ...from.params, ...key.params, limit: query.limit },
    );
  }

  /** Figures per bucket × group, groups outside `listed` summed into one row per bucket. */
  async buckets(
    orgId: string,
    query: AnalyticsQuery,
    source: AnalyticsSource,
    listed: readonly string[],
  ): Promise<BucketRow[]> {
    const from = fromSql(source, this.#table(source), orgId, query);
    const key = groupKeySql(query.groupBy);
    return this.#store.queryRows<BucketRow>(
      `SELECT ${bucketSql(source, query.bucket)} AS bucket_s, has({listed:Array(String)}, ${key.sql}) AS listed, ` +
        `if(listed, ${key.sql}, '') AS key, ${figuresSql(source)} ${from.sql} ` +
        'GROUP BY bucket_s, listed, key ORDER BY bucket_s, listed DESC, key',
      { ...from.params, ...key.params, listed: [...listed] },
    );
  }

  /** The totals of the window (`current` 1) and of `previous` (`current` 0), in one pass over both. */
  async periods(orgId: string, current: AnalyticsWindow, previous: AnalyticsWindow): Promise<PeriodRow[]> {
    const both = { ...current, from: previous.from };
    const source = sourceFor(both);
    const from = fromSql(source, this.#table(source), orgId, both);
    return this.#store.queryRows<PeriodRow>(
      `SELECT ${timeColumnOf(source)} >= toDateTime({current_s:Int64}, 'UTC') AS current, ` +
        `${figuresSql(source)} ${from.sql} GROUP BY current`,
      { ...from.params, current_s: current.from.getTime() / 1000 },
    );
  }

  /** The largest provider × model × feature spends of the window. */
  async topDrivers(orgId: string, window: AnalyticsWindow): Promise<DriverRow[]> {
    const source = sourceFor(window);
    const from = fromSql(source, this.#table(source), orgId, window);
    return this.#store.queryRows<DriverRow>(
      `SELECT toString(s.provider) AS provider, toString(s.model) AS model, toString(s.feature) AS feature, ` +
        `${figuresSql(source)} ${from.sql} GROUP BY provider, model, feature ` +
        `ORDER BY spend_usd DESC, requests DESC, provider, model, feature LIMIT ${TOP_DRIVERS}`,
      from.params,
    );
  }

  /** Models with requests nobody could price, most first. */
  async unpricedModels(orgId: string, window: AnalyticsWindow): Promise<UnpricedRow[]> {
    const source = sourceFor(window);
    const from = fromSql(source, this.#table(source), orgId, window);
    return this.#store.queryRows<UnpricedRow>(
      `SELECT toString(s.provider) AS provider, toString(s.model) AS model, ${unpricedSql(source)} AS requests ` +
        `${from.sql} GROUP BY provider, model HAVING requests > 0 ORDER BY requests DESC, provider, model ` +
        `LIMIT ${UNPRICED_MODELS}`,
      from.params,
    );
  }
}
