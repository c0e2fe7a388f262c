/**
 * What the demo module reads from the usage store: whether an organization holds usage at all, and
 * how much of it is demo data (stored under the ingestion source `demo`).
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';

/** An organization's usage, counted: all of it, and the demo part. */
export interface UsagePresence {
  events: number;
  demoEvents: number;
}

export class DemoRepository {
  readonly #store: ClickHouseStore;
  readonly #events: string;

  constructor(store: ClickHouseStore) {
    this.#store = store;
    this.#events = store.table('usage_events');
  }

  /** How many events the organization holds, and how many of them came from `source`. */
  async presence(orgId: string, source: string): Promise<UsagePresence> {
    const [row] = await this.#store.queryRows<{ events: number; demo_events: number }>(
      `SELECT count() AS events, countIf(source = {source:String}) AS demo_events FROM ${this.#events} ` +
        'WHERE org_id = {org_id:String}',
      { org_id: orgId, source },
    );
    return { events: row?.events ?? 0, demoEvents: row?.demo_events ?? 0 };
  }
}
