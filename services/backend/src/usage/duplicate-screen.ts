import type { UsageRow } from './usage-row.js';

/** Rows that must be looked up in the store, and rows already known to be stored, per organization. */
export interface Screened {
  ask: UsageRow[];
  known: Map<string, Set<string>>;
}

/** Loads the newest stored event time (ms) per organization; absent when it has none. */
export type LatestTimes = (orgIds: string[]) => Promise<Map<string, number>>;

/**
 * Decides which rows of a batch could repeat a stored event, so the writer asks ClickHouse about
 * as few as possible. A re-sent event repeats the timestamp it was stored with, so a row newer than
 * everything stored before this process first saw its organization can only repeat a row this
 * process inserted itself — which is answered from memory. Memory is bounded: on overflow it is
 * dropped and rows up to the newest time inserted so far go back to asking the store.
 * Rows a concurrent instance stored are not seen here; reads use FINAL, so they never show twice.
 */
export class DuplicateScreen {
  readonly #storedBefore = new Map<string, number>();
  readonly #inserted = new Map<string, Set<string>>();
  #remembered = 0;
  #forgottenThrough = Number.NEGATIVE_INFINITY;
  #newestInserted = Number.NEGATIVE_INFINITY;

  constructor(private readonly capacity = 2_000_000) {}

  async screen(rows: readonly UsageRow[], latestTimes: LatestTimes): Promise<Screened> {
    await this.#learnOrganizations(rows, latestTimes);
    const screened: Screened = { ask: [], known: new Map() };
    for (const row of rows) {
      const time = row.timestamp.getTime();
      const floor = Math.max(this.#storedBefore.get(row.org_id) ?? Infinity, this.#forgottenThrough);
      if (time <= floor) {
        screened.ask.push(row);
      } else if (this.#inserted.get(row.org_id)?.has(row.event_id) === true) {
        const ids = screened.known.get(row.org_id) ?? new Set<string>();
        screened.known.set(row.org_id, ids.add(row.event_id));
      }
    }
    return screened;
  }

  /** Records rows now stored by this process. */
  remember(rows: readonly UsageRow[]): void {
    for (const row of rows) {
      const ids = this.#inserted.get(row.org_id) ?? new Set<string>();
      this.#inserted.set(row.org_id, ids.add(row.event_id));
      this.#newestInserted = Math.max(this.#newestInserted, row.timestamp.getTime());
    }
    this.#remembered += rows.length;
    if (this.#remembered > this.capacity) {
      this.#inserted.clear();
      this.#remembered = 0;
      this.#forgottenThrough = this.#newestInserted;
    }
  }

  async #learnOrganizations(rows: readonly UsageRow[], latestTimes: LatestTimes): Promise<void> {
    const unknown = [...new Set(rows.map((row) => row.org_id))].filter((org) => !this.#storedBefore.has(org));
    if (unknown.length === 0) {
      return;
    }
    const latest = await latestTimes(unknown);
    for (const org of unknown) {
      this.#storedBefore.set(org, latest.get(org) ?? Number.NEGATIVE_INFINITY);
    }
  }
}
