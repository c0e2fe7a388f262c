import { IdFingerprints } from './id-fingerprints.js';
import type { UsageEventRef } from './usage.repository.js';

/** Loads the newest stored event time (ms) per organization; absent when it has none. */
export type LatestTimes = (orgIds: string[]) => Promise<Map<string, number>>;

/**
 * Decides which rows of a batch could repeat a stored event, so the writer asks ClickHouse about
 * as few as possible. A re-sent event repeats the timestamp it was stored with, so a row newer than
 * everything stored before this process first saw its organization can only repeat a row this
 * process inserted itself. Those are remembered as fingerprints: a row whose fingerprint was never
 * inserted is new, and the rare row that matches one (a re-send, or a fingerprint collision) is
 * looked up in the store. Memory is bounded: on overflow it is dropped and rows up to the newest
 * time inserted so far go back to asking the store.
 * Rows a concurrent instance stored are not seen here; reads use FINAL, so they never show twice.
 */
export class DuplicateScreen {
  readonly #storedBefore = new Map<string, number>();
  readonly #inserted: IdFingerprints;
  /** Per organization, the newest event time this process inserted: anything newer is new. */
  readonly #newestInsertedBy = new Map<string, number>();
  #forgottenThrough = Number.NEGATIVE_INFINITY;
  #newestInserted = Number.NEGATIVE_INFINITY;

  constructor(capacity = 2_000_000) {
    this.#inserted = new IdFingerprints(capacity);
  }

  /** The rows that may already be stored, to be looked up in the store; the others are new. */
  async screen(rows: readonly UsageEventRef[], latestTimes: LatestTimes): Promise<UsageEventRef[]> {
    await this.#learnOrganizations(rows, latestTimes);
    return rows.filter((row) => {
      const time = row.timestamp.getTime();
      const floor = Math.max(this.#storedBefore.get(row.org_id) ?? Infinity, this.#forgottenThrough);
      if (time <= floor) {
        return true;
      }
      const newest = this.#newestInsertedBy.get(row.org_id) ?? Number.NEGATIVE_INFINITY;
      return time <= newest && this.#inserted.has(row.org_id, row.event_id);
    });
  }

  /** Records rows now stored by this process. */
  remember(rows: readonly UsageEventRef[]): void {
    for (const row of rows) {
      const time = row.timestamp.getTime();
      this.#newestInserted = Math.max(this.#newestInserted, time);
      if (time > (this.#newestInsertedBy.get(row.org_id) ?? Number.NEGATIVE_INFINITY)) {
        this.#newestInsertedBy.set(row.org_id, time);
      }
    }
    if (this.#inserted.size + rows.length > this.#inserted.capacity) {
      this.#inserted.clear();
      this.#forgottenThrough = this.#newestInserted;
      return;
    }
    for (const row of rows) {
      this.#inserted.add(row.org_id, row.event_id);
    }
  }

  async #learnOrganizations(rows: readonly UsageEventRef[], latestTimes: LatestTimes): Promise<void> {
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
