import type { RejectedRecord } from '@netra/shared';
import type { IngestResult } from '@netra/shared/contracts';
import type { EventValidator } from './event-validator.js';
import { buildUsageRow, EventIdDeriver, type Pricer, type RowContext } from './usage-row-builder.js';
import type { UsageRow } from '#modules/usage/usage-row.js';
import { usageRowProblem } from '#modules/usage/usage-row-codec.js';
import type { UsageSink } from '#modules/usage/usage-sink.js';

/** Organization policies ingestion needs. */
export interface IngestionPolicy {
  storePrompts: boolean;
  /** The organization's own pricing (its price overrides over time); the shared pricer when absent. */
  pricer?: Pricer;
}

export interface IngestionDependencies {
  sink: UsageSink;
  pricer: Pricer;
  validate: EventValidator;
  policyOf(orgId: string): Promise<IngestionPolicy>;
}

/**
 * Validate → price → store, for records from any source (REST, OTLP, files). Good records are kept
 * even when others in the batch are refused; the result resolves only once they are durable.
 */
export class IngestionService {
  constructor(private readonly deps: IngestionDependencies) {}

  /**
   * Ingests one batch. `ids` must be shared by all batches of one upload, so identical records
   * across batches of a file keep distinct, repeatable keys.
   */
  async ingest(
    orgId: string,
    records: readonly unknown[],
    source: string,
    ids: EventIdDeriver = new EventIdDeriver(),
  ): Promise<IngestResult> {
    const policy = await this.deps.policyOf(orgId);
    const context = { orgId, ids, source, storePrompts: policy.storePrompts, ingestedAt: new Date() };
    const { rows, rejected, unpriced } = this.#rowsOf(records, context, policy.pricer ?? this.deps.pricer);
    const written = rows.length === 0 ? { stored: 0, duplicates: 0 } : await this.deps.sink.write(rows);
    return {
      accepted: rows.length,
      stored: written.stored,
      duplicates: written.duplicates,
      unpriced,
      rejected,
    };
  }

  /**
   * Validates and prices every record; refused ones are listed by their index in the batch. A row
   * the store could not hold as given (its cost overflowed, say) is refused here like any invalid
   * record: handed to the sink, it would fail the whole write and lose the good rows with it.
   */
  #rowsOf(records: readonly unknown[], context: RowContext, pricer: Pricer) {
    const rows: UsageRow[] = [];
    const rejected: RejectedRecord[] = [];
    let unpriced = 0;
    records.forEach((record, index) => {
      const parsed = this.deps.validate(record, index);
      if (!parsed.ok) {
        rejected.push(parsed.rejection);
        return;
      }
      const row = buildUsageRow(parsed.event, pricer, context);
      const problem = usageRowProblem(row);
      if (problem !== undefined) {
        rejected.push({ index, ...problem });
        return;
      }
      unpriced += row.cost_usd === null ? 1 : 0;
      rows.push(row);
    });
    return { rows, rejected, unpriced };
  }
}
