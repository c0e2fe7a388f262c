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
import { segmentKey, type Measurement, type SegmentPlan } from '#analysis/measurement.js';
import type { SegmentKey } from '#analysis/usage-aggregates.js';
import type { PriceCatalog } from '#pricing/price-catalog.js';
import { isProvenOpportunity } from '@netra/shared/contracts';
import { billCost, clampedSaving, originalBill } from './request-pricing.js';

export { segmentKey, type Measurement, type SegmentPlan };

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

/** A request with its original bill and what that bill costs (priced at the tally's `at`). */
interface PricedRequest {
  request: AnalyzedRequest;
  bill: RequestBill;
  base: number;
}

/**
 * The candidates that can change one segment's requests, in each role of the pass (a change
 * applies only within its candidate's scope), and the segment's plan sums once it has a priced
 * request. A request then asks its few candidates instead of every candidate of the analysis.
 */
interface SegmentCandidates {
  measured: readonly Candidate[];
  planned: readonly Candidate[];
  provenPlanned: readonly Candidate[];
  sums: SegmentPlan | undefined;
}

/** Whether a candidate's change may apply to the segment: its scope names it, or leaves a part open. */
function mayApply(candidate: Candidate, segment: SegmentKey): boolean {
  const { feature, provider, model } = candidate.scope;
  return (
    (feature === undefined || feature === segment.feature) &&
    (provider === undefined || provider === segment.provider) &&
    (model === undefined || model === segment.model)
  );
}

class Tally {
  readonly individual = new Map<string, number>();
  readonly planBySegment = new Map<string, SegmentPlan>();
  readonly touched = new Map<string, Set<string>>();
  plan = 0;
  proven = 0;
  baseline = 0;
  private readonly segments = new Map<string, SegmentCandidates>();
  /**
   * The time of the request being priced: one Date set anew per request, as the catalog reads it
   * at once and keeps nothing, so a Date per request would only be garbage.
   */
  private readonly at = new Date(0);

  constructor(
    private readonly catalog: PriceCatalog,
    private readonly measured: readonly Candidate[],
    private readonly planned: readonly Candidate[],
  ) {
    for (const candidate of measured) {
      this.individual.set(candidate.id, 0);
      this.touched.set(candidate.id, new Set());
    }
  }

  add(request: AnalyzedRequest, segment: string): void {
    if (request.cost_usd === null || request.priced_model === '') {
      return;
    }
    this.at.setTime(request.timestamp);
    const bill = originalBill(request);
    const base = billCost(this.catalog, bill, this.at);
    if (base === null || base <= 0) {
      return;
    }
    this.baseline += base;
    const candidates = this.candidatesOf(segment, request);
    this.addIndividual(request, bill, base, segment, candidates.measured);
    const priced: PricedRequest = { request, bill, base };
    const planSaving = this.savingUnder(candidates.planned, priced);
    const provenSaving = this.provenSaving(candidates, priced, planSaving);
    this.plan += planSaving;
    this.proven += provenSaving;
    candidates.sums ??= this.segmentPlan(segment, request);
    candidates.sums.plan += planSaving;
    candidates.sums.proven += provenSaving;
  }

  private candidatesOf(segment: string, request: AnalyzedRequest): SegmentCandidates {
    let candidates = this.segments.get(segment);
    if (candidates === undefined) {
      const planned = this.planned.filter((candidate) => mayApply(candidate, request));
      candidates = {
        measured: this.measured.filter((candidate) => mayApply(candidate, request)),
        planned,
        provenPlanned: planned.filter(isProvenOpportunity),
        sums: undefined,
      };
      this.segments.set(segment, candidates);
    }
    return candidates;
  }

  private segmentPlan(segment: string, request: AnalyzedRequest): SegmentPlan {
    const { feature, provider, model } = request;
    const sums: SegmentPlan = { segment: { feature, provider, model }, plan: 0, proven: 0 };
    this.planBySegment.set(segment, sums);
    return sums;
  }

  /** The proven changes' saving on a request, at most what the whole plan saves on it. */
  private provenSaving(candidates: SegmentCandidates, priced: PricedRequest, planSaving: number): number {
    const { provenPlanned, planned } = candidates;
    if (provenPlanned.length === 0 || planSaving === 0) {
      return 0;
    }
    if (provenPlanned.length === planned.length) {
      return planSaving;
    }
    return Math.min(this.savingUnder(provenPlanned, priced), planSaving);
  }

  private savingUnder(planned: readonly Candidate[], { request, bill, base }: PricedRequest): number {
    const changed = this.planBill(request, bill, planned);
    // No change touched the request: the same bill costs the same, and pricing it again would
    // only say so (a quarter of the plan's pricings on the bench workload).
    return changed === bill ? 0 : clampedSaving(base, billCost(this.catalog, changed, this.at));
  }

  private addIndividual(
    request: AnalyzedRequest,
    bill: RequestBill,
    base: number,
    segment: string,
    measured: readonly Candidate[],
  ): void {
    for (const candidate of measured) {
      if (!candidate.change.applies(request)) {
        continue;
      }
      this.touched.get(candidate.id)?.add(segment);
      const changed = candidate.change.apply(bill, request);
      const saving = clampedSaving(base, billCost(this.catalog, changed, this.at));
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
