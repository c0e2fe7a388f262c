/**
 * The recommendations module's ClickHouse access: an applied recommendation's scope, its usage on
 * each side of the day it was applied, in one pass over the events (window rule of usage-scope).
 * A model or provider matches as sent or as the catalog resolved it, like budgets' slices.
 * @module
 */
import type { ClickHouseStore, QueryParams } from '#platform/stores/clickhouse.js';
import { scopedFrom } from '#modules/usage/usage-scope.js';
import { EMPTY_SIDE, type RealizedWindows, type SideUsage } from './realized-savings.js';
import type { RecommendationScope } from './recommendations.tables.js';

const SCOPE_CONDITIONS = {
  feature: 'e.feature = {feature:String}',
  model: '(e.model = {model:String} OR e.priced_model = {model:String})',
  provider: '(e.provider = {provider:String} OR e.priced_provider = {provider:String})',
} as const;

/** `model_requests` counts the target model's requests whether or not the scope filters on it. */
const COLUMNS = [
  "e.timestamp >= fromUnixTimestamp64Milli({applied_ms:Int64}, 'UTC') AS after",
  'sum(e.request_count) AS requests',
  'sumIf(e.request_count, e.cost_usd IS NOT NULL) AS priced_requests',
  'ifNull(sum(e.cost_usd), 0) AS cost_usd',
  "uniqExact(toDate(e.timestamp, 'UTC')) AS days",
  'sum(e.input_tokens) AS input_tokens',
  'sum(e.cache_read_tokens) AS cache_read_tokens',
  'sumIf(e.request_count, e.batch) AS batch_requests',
  "sumIf(e.request_count, e.status = 'error') AS error_requests",
  "sumIf(e.request_count, e.prompt_hash != '') AS hashed_requests",
  "uniqExactIf((e.model, e.prompt_hash), e.prompt_hash != '') AS distinct_hashes",
  'sumIf(e.request_count, e.model = {target_model:String} OR e.priced_model = {target_model:String}) AS model_requests',
].join(', ');

type SideRow = SideUsage & { after: number };

function scopeFilter(scope: RecommendationScope): { condition: string | undefined; params: QueryParams } {
  const named = (['feature', 'model', 'provider'] as const).filter((field) => scope[field] !== undefined);
  const params: QueryParams = Object.fromEntries(named.map((field) => [field, scope[field]]));
  const condition =
    named.length === 0 ? undefined : named.map((field) => SCOPE_CONDITIONS[field]).join(' AND ');
  return { condition, params };
}

export class RealizedUsageRepository {
  readonly #store: ClickHouseStore;
  readonly #events: string;

  constructor(store: ClickHouseStore) {
    this.#store = store;
    this.#events = store.table('usage_events');
  }

  /** The scope's usage before and after, each side zero when it has none. */
  async sides(
    orgId: string,
    scope: RecommendationScope,
    targetModel: string,
    windows: RealizedWindows,
  ): Promise<{ before: SideUsage; after: SideUsage }> {
    const filter = scopeFilter(scope);
    const from = scopedFrom(
      this.#events,
      { orgId, from: windows.before.from, to: windows.after.to },
      { alias: 'e', ...(filter.condition === undefined ? {} : { extraCondition: filter.condition }) },
    );
    const rows = await this.#store.queryRows<SideRow>(`SELECT ${COLUMNS} ${from.sql} GROUP BY after`, {
      ...from.params,
      ...filter.params,
      applied_ms: windows.after.from.getTime(),
      target_model: targetModel,
    });
    const side = (after: boolean): SideUsage => {
      const row = rows.find((candidate) => (candidate.after === 1) === after);
      return row === undefined ? EMPTY_SIDE : { ...EMPTY_SIDE, ...withoutFlag(row) };
    };
    return { before: side(false), after: side(true) };
  }
}

/** The row without its side flag (the store answers 64-bit integers as numbers). */
function withoutFlag(row: SideRow): SideUsage {
  const { after: _after, ...usage } = row;
  return usage;
}
