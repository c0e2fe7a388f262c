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
import type { SegmentKey } from '#analysis/usage-aggregates.js';
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
  /** The plan and its proven part by segment (segmentKey), for re-measuring only part of the usage. */
  planBySegment: Map<string, SegmentPlan>;
  /** By candidate id, the segments of the requests its change applied to. */
  touched: Map<string, Set<string>>;
}

export interface SegmentPlan {
  segment: SegmentKey;
  plan: number;
  proven: number;
}

/** The key of a request's segment (feature × provider × model as events name them); length-prefixed, so unambiguous. */
export function segmentKey({ feature, provider, model }: SegmentKey): string {
  return `${feature.length}:${feature}${provider.length}:${provider}${model}`;
}

/**
 * segmentKey, remembered per (feature, provider, model): a pass meets a few segments a million
 * times, and looking up the three names it already holds costs less than building the key anew.
 */
class SegmentKeys {
  private readonly keys = new Map<string, Map<string, Map<string, string>>>();

  of(segment: SegmentKey): string {
    const { feature, provider, model } = segment;
    let byProvider = this.keys.get(feature);
    if (byProvider === undefined) {
      byProvider = new Map();
      this.keys.set(feature, byProvider);
    }
    let byModel = byProvider.get(provider);
    if (byModel === undefined) {
      byModel = new Map();
      byProvider.set(provider, byModel);
    }
    let key = byModel.get(model);
    if (key === undefined) {
      key = segmentKey(segment);
      byModel.set(model, key);
    }
    return key;
  }
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
  readonly planBySegment = new Map<string, SegmentPlan>();
  readonly touched = new Map<string, Set<string>>();
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
      this.touched.set(candidate.id, new Set());
    }
    this.provenPlanned = planned.filter(isProvenOpportunity);
  }

  add(request: AnalyzedRequest, segment: string): void {
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
    this.addIndividual(request, bill, base, at, segment);
    const priced: PricedRequest = { request, bill, base, at };
    const planSaving = this.savingUnder(this.planned, priced);
    const provenSaving = this.provenSaving(priced, planSaving);
    this.plan += planSaving;
    this.proven += provenSaving;
    let bySegment = this.planBySegment.get(segment);
    if (bySegment === undefined) {
      const { feature, provider, model } = request;
      bySegment = { segment: { feature, provider, model }, plan: 0, proven: 0 };
      this.planBySegment.set(segment, bySegment);
    }
    bySegment.plan += planSaving;
    bySegment.proven += provenSaving;
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
    const changed = this.planBill(request, bill, planned);
    // No change touched the request: the same bill costs the same, and pricing it again would
    // only say so (a quarter of the plan's pricings on the bench workload).
    return changed === bill ? 0 : clampedSaving(base, billCost(this.catalog, changed, at));
  }

  private addIndividual(
    request: AnalyzedRequest,
    bill: RequestBill,
    base: number,
    at: Date,
    segment: string,
  ): void {
    for (const candidate of this.measured) {
      if (!candidate.change.applies(request)) {
        continue;
      }
      this.touched.get(candidate.id)?.add(segment);
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
 * put in CHANGE_ORDER here) with its proven part, in total and by segment. With `only`, requests of
 * other segments are passed over.
 */
export async function measure(
  requests: AsyncIterable<Iterable<AnalyzedRequest>>,
  catalog: PriceCatalog,
  measured: readonly Candidate[],
  planned: readonly Candidate[] = measured,
  only?: ReadonlySet<string>,
): Promise<Measurement> {
  const tally = new Tally(catalog, measured, inChangeOrder(planned));
  const keys = new SegmentKeys();
  for await (const chunk of requests) {
    for (const request of chunk) {
      const segment = keys.of(request);
      if (only === undefined || only.has(segment)) {
        tally.add(request, segment);
      }
    }
  }
  const { individual, plan, proven, baseline, planBySegment, touched } = tally;
  return { individual, plan, proven, baseline, planBySegment, touched };
}
