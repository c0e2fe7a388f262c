import type { Candidate } from './candidate.js';
import type { SegmentKey } from './usage-aggregates.js';
import type { PriceCatalog } from '#pricing/price-catalog.js';

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

/** One measuring pass: individual savings of `measured`, the plan of `planned` and its proven part. */
export interface MeasureRequest {
  catalog: PriceCatalog;
  measured: readonly Candidate[];
  planned: readonly Candidate[];
  /** Only these segments' requests count (all when left out). */
  segments?: readonly SegmentKey[] | undefined;
}

/** The key of a request's segment (feature × provider × model as events name them); length-prefixed, so unambiguous. */
export function segmentKey({ feature, provider, model }: SegmentKey): string {
  return `${feature.length}:${feature}${provider.length}:${provider}${model}`;
}
