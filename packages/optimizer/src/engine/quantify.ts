/**
 * Measures candidates in dollars: one streaming pass over the analyzed requests re-prices each
 * request under every candidate's change alone (its individual saving) and under all chosen changes
 * together, composed in CHANGE_ORDER (the plan). Because the plan applies the changes to the same
 * bill before pricing it once, overlapping savings are counted once, and each request's saving is
 * clamped to what it cost.
 * @module
 */
import type { AnalyzedRequest } from '#analysis/analyzed-request.js';
import type { Candidate } from '#analysis/candidate.js';
import { CHANGE_ORDER, type RequestBill } from '#analysis/change.js';
import type { PriceCatalog } from '#pricing/price-catalog.js';
import { billCost, clampedSaving, originalBill } from './request-pricing.js';

/** Dollars over the observed period. */
export interface Measurement {
  /** Saving of each candidate alone, by candidate id. */
  individual: Map<string, number>;
  /** Saving of the chosen candidates applied together. */
  plan: number;
  /** Cost of every priced request, re-priced by the same catalog. */
  baseline: number;
}

/** Candidates in the order their changes compose. */
export function inChangeOrder(candidates: readonly Candidate[]): Candidate[] {
  return [...candidates].sort(
    (a, b) => CHANGE_ORDER.indexOf(a.change.kind) - CHANGE_ORDER.indexOf(b.change.kind),
  );
}

class Tally {
  readonly individual = new Map<string, number>();
  plan = 0;
  baseline = 0;

  constructor(
    private readonly catalog: PriceCatalog,
    private readonly measured: readonly Candidate[],
    private readonly planned: readonly Candidate[],
  ) {
    for (const candidate of measured) {
      this.individual.set(candidate.id, 0);
    }
  }

  add(request: AnalyzedRequest): void {
    if (request.cost_usd === null || request.priced_model === '') {
      return;
    }
    const at = new Date(request.timestamp);
    const bill = originalBill(request);
    const base = billCost(this.catalog, bill, at);
    if (base === null || base <= 0) {
      return;
    }
    this.baseline += base;
    this.addIndividual(request, bill, base, at);
    this.plan += clampedSaving(base, billCost(this.catalog, this.planBill(request, bill), at));
  }

  private addIndividual(request: AnalyzedRequest, bill: RequestBill, base: number, at: Date): void {
    for (const candidate of this.measured) {
      if (!candidate.change.applies(request)) {
        continue;
      }
      const saving = clampedSaving(base, billCost(this.catalog, candidate.change.apply(bill, request), at));
      this.individual.set(candidate.id, (this.individual.get(candidate.id) ?? 0) + saving);
    }
  }

  private planBill(request: AnalyzedRequest, bill: RequestBill): RequestBill {
    let current = bill;
    for (const candidate of this.planned) {
      if (current.eliminated) {
        break;
      }
      if (candidate.change.applies(request)) {
        current = candidate.change.apply(current, request);
      }
    }
    return current;
  }
}

/**
 * Streams the requests once: individual savings of `measured`, and the plan of `planned` (a subset,
 * put in CHANGE_ORDER here).
 */
export async function measure(
  requests: AsyncIterable<readonly AnalyzedRequest[]>,
  catalog: PriceCatalog,
  measured: readonly Candidate[],
  planned: readonly Candidate[] = measured,
): Promise<Measurement> {
  const tally = new Tally(catalog, measured, inChangeOrder(planned));
  for await (const chunk of requests) {
    for (const request of chunk) {
      tally.add(request);
    }
  }
  return { individual: tally.individual, plan: tally.plan, baseline: tally.baseline };
}
