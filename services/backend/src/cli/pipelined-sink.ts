/**
 * A UsageSink for the one-shot file import of `netra analyze`: it hands each batch to the
 * UsageWriter and acknowledges it at once, so reading, validating and pricing the next batch (the
 * JavaScript thread) overlaps the ClickHouse insert of this one (chdb's own threads). A service must
 * never acknowledge before rows are durable; a throwaway analysis may, because `drain` waits for
 * every insert before anything is read back, and any insert failure fails the run there. The real
 * stored/duplicate counts are tallied as inserts complete.
 * @module
 */
import type { SinkResult, UsageSink } from '#modules/usage/usage-sink.js';
import type { UsageRow } from '#modules/usage/usage-row.js';
import type { UsageWriter } from '#modules/usage/usage-writer.js';

export class PipelinedSink implements UsageSink {
  /** Rows the store really took and the duplicates it dropped, as inserts complete. */
  readonly tally: SinkResult = { stored: 0, duplicates: 0 };
  readonly #inFlight: Promise<void>[] = [];
  #failure: { error: unknown } | undefined;

  /** `depth`: batches that may wait for their insert before `write` waits too (bounded memory). */
  constructor(
    private readonly writer: UsageWriter,
    private readonly depth = 2,
  ) {}

  async write(rows: readonly UsageRow[]): Promise<SinkResult> {
    this.#throwIfFailed();
    // Settled promises only: a failed insert is recorded, never left as an unhandled rejection.
    const settled = this.writer.write(rows).then(
      (result) => {
        this.tally.stored += result.stored;
        this.tally.duplicates += result.duplicates;
      },
      (error: unknown) => {
        this.#failure ??= { error };
      },
    );
    this.#inFlight.push(settled);
    while (this.#inFlight.length > this.depth) {
      await this.#inFlight.shift();
    }
    this.#throwIfFailed();
    return { stored: rows.length, duplicates: 0 };
  }

  /** Waits for every insert and closes the writer; throws the first insert failure. */
  async drain(): Promise<void> {
    await Promise.all(this.#inFlight.splice(0));
    await this.writer.close();
    this.#throwIfFailed();
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) {
      throw this.#failure.error;
    }
  }
}
