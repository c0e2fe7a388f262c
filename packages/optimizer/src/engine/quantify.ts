/**
 * Measures candidates in dollars: one streaming pass over the analyzed requests re-prices each
 * request under every candidate's change alone (its individual saving) and under all chosen changes
 * together, composed in CHANGE_ORDER (the plan). Because the plan applies the changes to the same
 * bill before pricing it once, overlapping savings are counted once, and each request's saving is
 * clamped to what it cost. The same pass prices the proven plan: the chosen changes the data itself
 * proves, applied together the same way.
 * @module
 */
import type { AnalyzedRequest } from '#analysis/analyzed-request.js';
import type { Candidate } from '#analysis/candidate.js';
import { CHANGE_ORDER, type RequestBill } from '#analysis/change.js';
import type { PriceCatalog } from '#pricing/price-catalog.js';
import { isProvenOpportunity } from '@netra/shared/contracts';
import { billCost, clampedSaving, originalBill } from './request-pricing.js';

/** Dollars over the observed period. */
export interface Measurement {
  /** Saving of each candidate alone, by candidate id. */
  individual: Map<string, number>;
  /** Saving of the chosen candidates applied together. */
  plan: number;
  /**
   * Saving of the proven chosen candidates applied together; per request never more than the plan
   * saves on it, so the proven figure stays a part of the plan's.
   */
  proven: number;
  /** Cost of every priced request, re-priced by the same catalog. */
  baseline: number;
}

/** Candidates in the order their changes compose. */
export function inChangeOrder(candidates: readonly Candidate[]): Candidate[] {
  return [...candidates].sort(
    (a, b) => CHANGE_ORDER.indexOf(a.change.kind) - CHANGE_ORDER.indexOf(b.change.kind),
  );
}

/** A request with its original bill, priced at its time. */
interface PricedRequest {
  request: AnalyzedRequest;
  bill: RequestBill;
  base: number;
  at: Date;
}

class Tally {
  readonly individual = new Map<string, number>();
  plan = 0;
  proven = 0;
  baseline = 0;
  private readonly provenPlanned: readonly Candidate[];

  constructor(
    private readonly catalog: PriceCatalog,
    private readonly measured: readonly Candidate[],
    private readonly planned: readonly Candidate[],
  ) {
    for (const candidate of measured) {
      this.individual.set(candidate.id, 0);
    }
    this.provenPlanned = planned.filter(isProvenOpportunity);
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
    const priced: PricedRequest = { request, bill, base, at };
    const planSaving = this.savingUnder(this.planned, priced);
    this.plan += planSaving;
    this.proven += this.provenSaving(priced, planSaving);
  }

  /** The proven changes' saving on a request, at most what the whole plan saves on it. */
  private provenSaving(priced: PricedRequest, planSaving: number): number {
    if (this.provenPlanned.length === 0 || planSaving === 0) {
      return 0;
    }
    if (this.provenPlanned.length === this.planned.length) {
      return planSaving;
    }
    return Math.min(this.savingUnder(this.provenPlanned, priced), planSaving);
  }

  private savingUnder(planned: readonly Candidate[], { request, bill, base, at }: PricedRequest): number {
    return clampedSaving(base, billCost(this.catalog, this.planBill(request, bill, planned), at));
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

  private planBill(request: AnalyzedRequest, bill: RequestBill, planned: readonly Candidate[]): RequestBill {
    let current = bill;
    for (const candidate of planned) {
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
 * put in CHANGE_ORDER here) with its proven part.
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
  return { individual: tally.individual, plan: tally.plan, proven: tally.proven, baseline: tally.baseline };
}
