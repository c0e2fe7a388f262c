/**
 * The analytics answers recomputed from the generated events in TypeScript: the window, the
 * filters, the buckets (Monday weeks, UTC), the groups (a tag group is the first `<key>:` tag's
 * value), their ranking and the `other` series, and the summary's periods, drivers and unpriced models.
 * @module
 */
import type { SpendFigures } from '@netra/shared/contracts';
import { addEvent, emptyFigures, expectedCost, figuresOf, type WorkloadEvent } from './analytics-workload.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MONDAY_MS = 4 * DAY_MS;

/** Query parameters as sent (filters repeat a name for several values). */
export type QueryParams = [string, string][];

export interface ExpectedSeries {
  key: string | null;
  other: boolean;
  totals: SpendFigures;
  points: Map<string, SpendFigures>;
}

function valueOf(event: WorkloadEvent, name: string): string {
  if (name.startsWith('tag:')) {
    const prefix = `${name.slice(4)}:`;
    return (event.tags ?? []).find((tag) => tag.startsWith(prefix))?.slice(prefix.length) ?? '';
  }
  if (name.startsWith('meta:')) {
    return event.metadata?.[name.slice(5)] ?? '';
  }
  const value = (event as unknown as Record<string, string | undefined>)[name];
  return value ?? '';
}

function matches(event: WorkloadEvent, params: QueryParams): boolean {
  const wanted = new Map<string, string[]>();
  for (const [name, value] of params) {
    if (['model', 'provider', 'feature', 'user_id', 'environment', 'status', 'tag'].includes(name)) {
      wanted.set(name, [...(wanted.get(name) ?? []), value]);
    } else if (name === 'meta') {
      const at = value.indexOf(':');
      const key = `meta:${value.slice(0, at)}`;
      wanted.set(key, [...(wanted.get(key) ?? []), value.slice(at + 1)]);
    }
  }
  return [...wanted.entries()].every(([name, values]) =>
    name === 'tag'
      ? values.some((tag) => (event.tags ?? []).includes(tag))
      : name.startsWith('meta:')
        ? event.metadata?.[name.slice(5)] !== undefined && values.includes(valueOf(event, name))
        : values.includes(valueOf(event, name)),
  );
}

/** The events of `[from, to)` passing the filters of `params`. */
export function selected(events: readonly WorkloadEvent[], from: number, to: number, params: QueryParams) {
  return events.filter((event) => {
    const time = Date.parse(event.timestamp);
    return time >= from && time < to && matches(event, params);
  });
}

function bucketOf(bucket: string, time: number): string {
  const start =
    bucket === 'hour'
      ? Math.floor(time / HOUR_MS) * HOUR_MS
      : bucket === 'day'
        ? Math.floor(time / DAY_MS) * DAY_MS
        : Math.floor((time - MONDAY_MS) / (7 * DAY_MS)) * 7 * DAY_MS + MONDAY_MS;
  return new Date(start).toISOString();
}

function rank(groups: Map<string, SpendFigures>): string[] {
  return [...groups.entries()]
    .sort(
      ([ka, a], [kb, b]) =>
        b.spend_usd - a.spend_usd || b.requests - a.requests || (ka < kb ? -1 : ka > kb ? 1 : 0),
    )
    .map(([key]) => key);
}

/** The spend chart's series: the `limit` largest groups apart, the others in one `other` series. */
export function expectedSeries(
  events: readonly WorkloadEvent[],
  options: { bucket: string; groupBy?: string; limit: number },
): ExpectedSeries[] {
  const groupOf = (event: WorkloadEvent) =>
    options.groupBy === undefined ? '' : valueOf(event, options.groupBy);
  const groups = new Map<string, SpendFigures>();
  for (const event of events) {
    const total = groups.get(groupOf(event)) ?? emptyFigures();
    groups.set(groupOf(event), total);
    addEvent(total, event);
  }
  const listed = new Set(rank(groups).slice(0, options.limit));
  const series = new Map<string, ExpectedSeries>();
  for (const event of events) {
    const key = groupOf(event);
    const id = listed.has(key) ? `k:${key}` : 'other';
    const entry = series.get(id) ?? {
      key: options.groupBy !== undefined && listed.has(key) ? key : null,
      other: !listed.has(key),
      totals: emptyFigures(),
      points: new Map<string, SpendFigures>(),
    };
    series.set(id, entry);
    addEvent(entry.totals, event);
    const bucket = bucketOf(options.bucket, Date.parse(event.timestamp));
    const point = entry.points.get(bucket) ?? emptyFigures();
    entry.points.set(bucket, point);
    addEvent(point, event);
  }
  return [...series.values()];
}

/** Number of distinct groups. */
export function expectedGroups(events: readonly WorkloadEvent[], groupBy: string): number {
  return new Set(events.map((event) => valueOf(event, groupBy))).size;
}

/** The summary's parts for the events of a window (already filtered). */
export function expectedSummaryParts(events: readonly WorkloadEvent[]) {
  const drivers = new Map<string, WorkloadEvent[]>();
  const unpriced = new Map<string, number>();
  for (const event of events) {
    const key = JSON.stringify([event.provider, event.model, event.feature ?? '']);
    drivers.set(key, [...(drivers.get(key) ?? []), event]);
    if (expectedCost(event) === null) {
      const model = JSON.stringify([event.provider, event.model]);
      unpriced.set(model, (unpriced.get(model) ?? 0) + 1);
    }
  }
  const driverFigures = new Map([...drivers.entries()].map(([key, list]) => [key, figuresOf(list)]));
  const top = rank(driverFigures)
    .slice(0, 10)
    .map((key) => {
      const [provider, model, feature] = JSON.parse(key) as [string, string, string];
      return { provider, model, feature, figures: driverFigures.get(key) ?? emptyFigures() };
    });
  const unpricedModels = [...unpriced.entries()].map(([key, requests]) => {
    const [provider, model] = JSON.parse(key) as [string, string];
    return { provider, model, requests };
  });
  return { totals: figuresOf(events), top, unpricedModels };
}
