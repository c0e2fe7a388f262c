/**
 * The FOCUS export's rows, produced a window of days at a time: each window's per-day groups are
 * read in one query, folded into slices (batch and standard requests of a slice together) and
 * turned into rows, so memory holds one window's groups whatever the period.
 * @module
 */
import type { ListPrices } from '@netra/optimizer';
import { unitsOf } from './exact-decimal.js';
import { focusRowsOf, type FocusRow, type UsageSlice } from './focus-rows.js';
import { addQuantities, quantitiesOf } from './token-kinds.js';
import type { DailyUsageGroup, UsageExportRepository } from './usage-export.repository.js';

const DAY_MS = 86_400_000;

export interface FocusExportOptions {
  orgId: string;
  from: Date;
  to: Date;
  /** Days read per query. */
  daysPerQuery: number;
  /** The model's catalog list prices, null when the catalog has none. */
  listPrices(provider: string, model: string): ListPrices | null;
}

function sliceKey(group: DailyUsageGroup): string {
  return JSON.stringify([group.day, group.provider, group.model, group.feature, group.cost_source]);
}

function newSlice(orgId: string, group: DailyUsageGroup): UsageSlice {
  return {
    orgId,
    day: group.day,
    provider: group.provider,
    model: group.model,
    feature: group.feature,
    costSource: group.cost_source,
    requests: group.requests,
    quantities: quantitiesOf(group),
    costUnits: unitsOf(group.cost_decimal),
  };
}

/** Groups (ordered by the slice key, then batch) folded into slices. */
export function slicesOf(orgId: string, groups: readonly DailyUsageGroup[]): UsageSlice[] {
  const slices: UsageSlice[] = [];
  let lastKey = '';
  for (const group of groups) {
    const key = sliceKey(group);
    const last = slices.at(-1);
    if (last === undefined || key !== lastKey) {
      lastKey = key;
      slices.push(newSlice(orgId, group));
      continue;
    }
    last.requests += group.requests;
    last.costUnits += unitsOf(group.cost_decimal);
    addQuantities(last.quantities, quantitiesOf(group));
  }
  return slices;
}

function chargePeriod(day: string, from: Date, to: Date) {
  const start = Date.parse(`${day}T00:00:00Z`);
  return {
    start: new Date(Math.max(start, from.getTime())),
    end: new Date(Math.min(start + DAY_MS, to.getTime())),
  };
}

/** Window starts: `from`, then each `daysPerQuery` UTC days after the day of `from`, up to `to`. */
function* windows(from: Date, to: Date, daysPerQuery: number): Generator<{ from: Date; to: Date }> {
  const firstDay = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
  for (let start = firstDay; start < to.getTime(); start += daysPerQuery * DAY_MS) {
    yield {
      from: new Date(Math.max(start, from.getTime())),
      to: new Date(Math.min(start + daysPerQuery * DAY_MS, to.getTime())),
    };
  }
}

/** FOCUS rows of the organization's usage in `[from, to)`, by day, then provider, model, feature. */
export async function* focusRows(
  repository: UsageExportRepository,
  options: FocusExportOptions,
): AsyncGenerator<FocusRow[]> {
  const span = await repository.eventSpan({ orgId: options.orgId, from: options.from, to: options.to });
  if (span === null) {
    return;
  }
  for (const window of windows(span.from, span.to, options.daysPerQuery)) {
    const groups = await repository.dailyGroups({ orgId: options.orgId, ...window });
    yield slicesOf(options.orgId, groups).flatMap((slice) =>
      focusRowsOf(
        slice,
        chargePeriod(slice.day, options.from, options.to),
        slice.costSource === 'catalog' ? options.listPrices(slice.provider, slice.model) : null,
      ),
    );
  }
}
