/**
 * Billed cost: the lines of the providers' cost exports, stored per organization, and their
 * reconciliation against the cost Netra computed for the same usage.
 * @module
 */
import { createHash } from 'node:crypto';
import type { PriceCatalog } from '@netra/optimizer';
import type { Reconciliation } from '@netra/shared/contracts';
import type { BilledCostRecord } from '#modules/ingestion/formats/billed-cost.types.js';
import type { BillingRepository, BilledCostRow, DayRange } from './billing.repository.js';
import { DEFAULT_TOLERANCE, reconcile, type Tolerance } from './reconciliation.js';

export type { DayRange };

/** Billed cost of organizations and its reconciliation with their usage. */
export class BillingService {
  constructor(
    private readonly repository: BillingRepository,
    private readonly catalog: Pick<PriceCatalog, 'resolve'>,
    private readonly tolerance: Tolerance = DEFAULT_TOLERANCE,
  ) {}

  /**
   * Stores billed lines read from a cost export (`source` names the format). A line uploaded again
   * replaces the one stored before, so re-uploading an export, or a newer one of the same days, is safe.
   */
  async store(orgId: string, lines: readonly BilledCostRecord[], source: string): Promise<void> {
    const ingestedAt = new Date().toISOString();
    await this.repository.insert(lines.map((line) => this.toRow(orgId, line, source, ingestedAt)));
  }

  /** The organization's billed cost against Netra's cost of its usage, over whole UTC days. */
  async reconcile(orgId: string, range: DayRange): Promise<Reconciliation> {
    const [usage, billed] = await Promise.all([
      this.repository.dailyUsage(orgId, range),
      this.repository.dailyBilled(orgId, range),
    ]);
    return reconcile(usage, billed, this.tolerance);
  }

  private toRow(orgId: string, line: BilledCostRecord, source: string, ingestedAt: string): BilledCostRow {
    const model = line.model ?? '';
    return {
      org_id: orgId,
      day: line.day,
      line_key: lineKey(line),
      provider: line.provider,
      model,
      priced_model: model === '' ? '' : (this.catalog.resolve(model, line.provider)?.modelId ?? ''),
      line_item: line.lineItem,
      project_id: line.projectId ?? '',
      amount_usd: line.amountUsd,
      period_start: line.periodStart,
      period_end: line.periodEnd ?? null,
      source,
      attributes: line.attributes,
      ingested_at: ingestedAt,
    };
  }
}

const MEASURES = new Set(['quantity']);

/** Everything that tells one billed line from another of the same day — never its amount. */
function lineKey(line: BilledCostRecord): string {
  // A quantity is measured, like the amount: a corrected bill must replace the line, not add one.
  const attributes = Object.entries(line.attributes)
    .filter(([key]) => !MEASURES.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const identity = [
    line.provider,
    line.periodStart,
    line.model ?? null,
    line.lineItem,
    line.projectId ?? null,
    attributes,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 40);
}
