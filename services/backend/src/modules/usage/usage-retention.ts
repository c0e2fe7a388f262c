/**
 * Deletes an organization's usage older than its retention, from the events and from the hourly and
 * daily aggregates fed from them, so no figure shows deleted usage. A table TTL cannot do it: TTL is one
 * expression for the whole table, while retention is each organization's own setting and changes
 * at any time. A partition drop cannot either: partitions are months shared by every organization.
 * So it is a mutation scoped to one organization and a time bound; it runs from the worker's
 * housekeeping, a few times an hour at most, which is the rate ClickHouse mutations are made for.
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';

const DAY_MS = 86_400_000;

/** The usage tables retention applies to. */
export class UsageRetention {
  readonly #events: string;
  /** What the deleting mutation names (the local tables in cluster mode). */
  readonly #eventRows: string;
  /** Aggregate tables and their time column. */
  readonly #aggregates: readonly { table: string; time: string }[];

  constructor(private readonly store: ClickHouseStore) {
    this.#events = store.table('usage_events');
    this.#eventRows = store.mutationTarget('usage_events');
    this.#aggregates = [
      { table: store.mutationTarget('usage_hourly'), time: 'hour' },
      { table: store.mutationTarget('usage_hourly_users'), time: 'hour' },
      { table: store.mutationTarget('usage_daily'), time: 'day' },
    ];
  }

  /**
   * Deletes the organization's usage before `cutoff`, rounded down to the UTC day so the events and
   * their hourly and daily sums lose exactly the same hours (at most a day more is kept). Each mutation is
   * waited for (`mutations_sync`): a caller that saw it return never reads the deleted rows again.
   * Returns whether there was anything to delete.
   */
  async deleteBefore(orgId: string, cutoff: Date): Promise<boolean> {
    const params = { org_id: orgId, cutoff_ms: Math.floor(cutoff.getTime() / DAY_MS) * DAY_MS };
    const bound = "fromUnixTimestamp64Milli({cutoff_ms:Int64}, 'UTC')";
    // The cutoff moves a day at a time, so most runs find nothing to delete: a primary-key probe
    // spares them the mutations.
    if (!(await this.anyBefore(bound, params))) {
      return false;
    }
    await this.store.command(
      `ALTER TABLE ${this.#eventRows} DELETE WHERE org_id = {org_id:String} AND timestamp < ${bound} ` +
        'SETTINGS mutations_sync = 1',
      params,
    );
    for (const { table, time } of this.#aggregates) {
      await this.store.command(
        `ALTER TABLE ${table} DELETE WHERE org_id = {org_id:String} AND ${time} < ${bound} SETTINGS mutations_sync = 1`,
        params,
      );
    }
    return true;
  }

  private async anyBefore(bound: string, params: Record<string, unknown>): Promise<boolean> {
    const [probe] = await this.store.queryRows<{ found: number }>(
      `SELECT count() AS found FROM (SELECT 1 FROM ${this.#events} ` +
        `WHERE org_id = {org_id:String} AND timestamp < ${bound} LIMIT 1)`,
      params,
    );
    return (probe?.found ?? 0) > 0;
  }
}
