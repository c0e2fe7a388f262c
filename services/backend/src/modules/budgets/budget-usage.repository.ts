/**
 * The budgets module's ClickHouse access: a slice's daily spend and errors, through the usage
 * module's query on the same store.
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import {
  dailySliceSpendSql,
  type DailySliceSpend,
  type UsageSlice,
} from '#modules/usage/usage-scope-spend.js';

export type { DailySliceSpend, UsageSlice };

export class BudgetUsageRepository {
  readonly #store: ClickHouseStore;
  readonly #events: string;

  constructor(store: ClickHouseStore) {
    this.#store = store;
    this.#events = store.table('usage_events');
  }

  /** The slice's spend per UTC day over `[from, to)`, days without usage left out. */
  dailySpend(orgId: string, slice: UsageSlice, range: { from: Date; to: Date }): Promise<DailySliceSpend[]> {
    const query = dailySliceSpendSql(this.#events, { orgId, ...range }, slice);
    return this.#store.queryRows<DailySliceSpend>(query.sql, query.params);
  }
}
