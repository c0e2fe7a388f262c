/**
 * Scratch space for analyses: the database `<database>_scratch` beside the application database,
 * so intermediate tables are never created and dropped among the application's own. Each analysis
 * names its tables uniquely, so analyses running at once never share one.
 *
 * Cleaning at open: an embedded store belongs to this process alone (one process per data
 * directory), so the whole scratch database is dropped and created again — whatever a crashed run
 * left goes. A ClickHouse server may be shared by several backend instances (and by parallel test
 * files), whose analyses may be running right now, so there only tables older than any analysis
 * runs are dropped.
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';

/** No analysis runs this long; a server-mode scratch table this old was left by a crash. */
export const STALE_SCRATCH_HOURS = 24;

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export class ScratchDatabase {
  /** The database name (unquoted). */
  readonly name: string;

  constructor(private readonly store: ClickHouseStore) {
    // The store's database is a validated plain identifier, and so is this.
    this.name = `${store.database}_scratch`;
  }

  /** Creates the scratch database, cleaned of what earlier runs left (see the module comment). */
  async reset(): Promise<void> {
    if (this.store.mode === 'embedded') {
      await this.store.command(`DROP DATABASE IF EXISTS \`${this.name}\` SYNC`);
      await this.store.command(`CREATE DATABASE \`${this.name}\``);
      return;
    }
    await this.store.command(`CREATE DATABASE IF NOT EXISTS \`${this.name}\``);
    await this.dropOlderThan(STALE_SCRATCH_HOURS);
  }

  /** Drops the scratch tables created more than `hours` ago (by the server's clock). */
  async dropOlderThan(hours: number): Promise<void> {
    const stale = await this.store.queryRows<{ name: string }>(
      'SELECT name FROM system.tables WHERE database = {database:String} ' +
        'AND metadata_modification_time < now() - toIntervalSecond({seconds:UInt32})',
      { database: this.name, seconds: Math.round(hours * 3_600) },
    );
    for (const { name } of stale) {
      await this.store.command(`DROP TABLE IF EXISTS ${this.#qualified(name)}`);
    }
  }

  /**
   * A fresh table name for one analysis step (the table is not created): `purpose` plus a random
   * suffix, database-qualified and quoted for SQL text.
   * @throws Error when `purpose` is not a plain lowercase identifier (names cannot be bound).
   */
  newTable(purpose: string): string {
    if (!PLAIN_IDENTIFIER.test(purpose)) {
      throw new Error(`scratch table purpose "${purpose}" is not a plain identifier`);
    }
    return this.#qualified(`${purpose}_${crypto.randomUUID().replaceAll('-', '')}`);
  }

  /** The scratch tables that exist now (for tests and diagnostics). */
  async tables(): Promise<string[]> {
    const rows = await this.store.queryRows<{ name: string }>(
      'SELECT name FROM system.tables WHERE database = {database:String} ORDER BY name',
      { database: this.name },
    );
    return rows.map((row) => row.name);
  }

  #qualified(table: string): string {
    return `\`${this.name}\`.\`${table.replaceAll('`', '')}\``;
  }
}
