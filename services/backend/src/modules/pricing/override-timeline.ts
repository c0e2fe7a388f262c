/**
 * An organization's price overrides over time, as a Pricer: each event is priced by the catalog of
 * the overrides in force at its own timestamp. The time line is cut at every override's start and
 * end, so an event finds its catalog with a binary search over those few instants, and each
 * catalog (compiled on first use) keeps its resolved models cached: ingestion stays plain arithmetic.
 * @module
 */
import {
  createPriceCatalog,
  type PriceCatalog,
  type PriceOverride,
  type PricingInput,
  type PricingResult,
} from '@netra/optimizer';

/** One override with its half-open range in epoch milliseconds; null bounds are open. */
export interface TimedOverride {
  spec: PriceOverride;
  fromMs: number | null;
  toMs: number | null;
}

/** Whether the override is in force at `instant` (epoch ms; -Infinity: before every start). */
export function inForceAt(override: TimedOverride, instant: number): boolean {
  return (
    (override.fromMs === null || override.fromMs <= instant) &&
    (override.toMs === null || instant < override.toMs)
  );
}

export interface TimelineOptions {
  /** The catalog without overrides, shared so the organizations without any share its cache. */
  base: PriceCatalog;
  /** Overrides in force over the whole time line and winning over the organization's (what-if). */
  leading?: readonly PriceOverride[];
}

export class OverrideTimeline {
  /** Sorted distinct instants where the set of overrides in force changes. */
  private readonly cuts: number[];
  private readonly catalogs: (PriceCatalog | undefined)[];

  constructor(
    private readonly overrides: readonly TimedOverride[],
    private readonly options: TimelineOptions,
  ) {
    const instants = overrides.flatMap((o) => [o.fromMs, o.toMs]).filter((ms): ms is number => ms !== null);
    this.cuts = [...new Set(instants)].sort((a, b) => a - b);
    this.catalogs = new Array<PriceCatalog | undefined>(this.cuts.length + 1);
  }

  /** The cost of one event under the overrides in force at its timestamp (now when it has none). */
  price(input: PricingInput): PricingResult {
    return this.catalogAt(input.timestamp ?? new Date()).price(input);
  }

  /** The catalog of the overrides in force at `when`. */
  catalogAt(when: Date): PriceCatalog {
    const segment = this.segmentOf(when.getTime());
    return this.catalogs[segment] ?? this.compile(segment);
  }

  /** How many cuts are at or before `instant`: segment k spans [cuts[k-1], cuts[k]). */
  private segmentOf(instant: number): number {
    let low = 0;
    let high = this.cuts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cuts[middle] ?? Infinity) <= instant) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private compile(segment: number): PriceCatalog {
    const start = segment === 0 ? -Infinity : (this.cuts[segment - 1] ?? -Infinity);
    const specs = [
      ...(this.options.leading ?? []),
      ...this.overrides.filter((o) => inForceAt(o, start)).map((o) => o.spec),
    ];
    const catalog = specs.length === 0 ? this.options.base : createPriceCatalog({ overrides: specs });
    this.catalogs[segment] = catalog;
    return catalog;
  }
}
