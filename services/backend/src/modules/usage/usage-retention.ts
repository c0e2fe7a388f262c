/**
 * Deletes an organization's usage older than its retention. A table TTL cannot do it: TTL is one
 * expression for the whole table, while retention is each organization's own setting and changes
 * at any time. A partition drop cannot either: partitions are months shared by every organization.
 * So it is a mutation scoped to one organization and a time bound; it runs from the worker's
 * housekeeping, a few times an hour at most, which is the rate ClickHouse mutations are made for.
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';

/** The usage tables retention applies to. */
export class UsageRetention {
  readonly #events: string;

  constructor(private readonly store: ClickHouseStore) {
    this.#events = store.table('usage_events');
  }

  /**
   * Deletes the organization's events timestamped before `cutoff`, waiting for the mutation to
   * finish (`mutations_sync`), so a caller that saw it return never reads the deleted rows again.
   */
  async deleteBefore(orgId: string, cutoff: Date): Promise<void> {
    await this.store.command(
      `ALTER TABLE ${this.#events} DELETE WHERE org_id = {org_id:String} ` +
        "AND timestamp < fromUnixTimestamp64Milli({cutoff_ms:Int64}, 'UTC') SETTINGS mutations_sync = 1",
      { org_id: orgId, cutoff_ms: cutoff.getTime() },
    );
  }
}
