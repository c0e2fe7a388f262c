/**
 * The dashboard's state as it lives in the URL query string, so a view can be bookmarked, shared
 * and walked with back/forward: the date range (a preset or custom dates), the grouping, the bucket
 * and the filters. `parseDashboardState` never throws: an unknown or malformed value falls back to
 * its default, so a hand-edited link still opens a dashboard. `serializeDashboardState` writes only
 * what differs from the defaults, so the plain `/dashboard` link is the default view.
 * @module
 */

export const RANGE_PRESETS = ['24h', '7d', '14d', '30d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** The groupings the chart offers (the analytics route's `group_by`). */
export const GROUP_BYS = ['model', 'provider', 'feature', 'user_id'] as const;
export type GroupByChoice = (typeof GROUP_BYS)[number];

/** `auto` picks hour for short windows and day otherwise (time-window.ts). */
export const BUCKET_CHOICES = ['auto', 'hour', 'day', 'week'] as const;
export type BucketChoice = (typeof BUCKET_CHOICES)[number];

/** The filters offered; each holds any of several values (repeated in the URL). */
export const FILTER_FIELDS = ['provider', 'model', 'feature', 'environment', 'status'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type DashboardFilters = Readonly<Record<FilterField, readonly string[]>>;

/** Custom dates are whole UTC days, `to` included. */
export type DateRange =
  { kind: 'preset'; preset: RangePreset } | { kind: 'custom'; from: string; to: string };

export interface DashboardState {
  range: DateRange;
  groupBy: GroupByChoice;
  bucket: BucketChoice;
  filters: DashboardFilters;
}

/** The demo workload covers the 14 days before the first start, so this default shows all of it. */
export const DEFAULT_PRESET: RangePreset = '14d';

export const EMPTY_FILTERS: DashboardFilters = {
  provider: [],
  model: [],
  feature: [],
  environment: [],
  status: [],
};

export const DEFAULT_STATE: DashboardState = {
  range: { kind: 'preset', preset: DEFAULT_PRESET },
  groupBy: 'model',
  bucket: 'auto',
  filters: EMPTY_FILTERS,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_FILTER_VALUE = 256;
const MAX_FILTER_VALUES = 50;
const STATUSES: readonly string[] = ['success', 'error'];

/** The subset of URLSearchParams this module reads, so tests and Next's ReadonlyURLSearchParams both fit. */
export interface QueryReader {
  get(name: string): string | null;
  getAll(name: string): string[];
}

function oneOf<T extends string>(choices: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (choices as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** A real calendar date (`2026-02-30` is not one). */
export function isIsoDate(value: string | null): value is string {
  if (value === null || !ISO_DATE.test(value)) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function parseRange(query: QueryReader): DateRange {
  const from = query.get('from');
  const to = query.get('to');
  if (isIsoDate(from) && isIsoDate(to) && from <= to) {
    return { kind: 'custom', from, to };
  }
  return { kind: 'preset', preset: oneOf(RANGE_PRESETS, query.get('range'), DEFAULT_PRESET) };
}

function parseFilterValues(field: FilterField, query: QueryReader): string[] {
  const values = query
    .getAll(field)
    .map((value) => value.trim())
    .filter((value) => value !== '' && value.length <= MAX_FILTER_VALUE)
    .filter((value) => field !== 'status' || STATUSES.includes(value));
  return [...new Set(values)].slice(0, MAX_FILTER_VALUES);
}

/** Reads the dashboard state from a query string; anything unreadable takes its default. */
export function parseDashboardState(query: QueryReader): DashboardState {
  const filters = Object.fromEntries(
    FILTER_FIELDS.map((field) => [field, parseFilterValues(field, query)]),
  ) as Record<FilterField, string[]>;
  return {
    range: parseRange(query),
    groupBy: oneOf(GROUP_BYS, query.get('group_by'), DEFAULT_STATE.groupBy),
    bucket: oneOf(BUCKET_CHOICES, query.get('bucket'), DEFAULT_STATE.bucket),
    filters,
  };
}

/** The query string (without `?`) for a state; defaults are left out, so the default view is ''. */
export function serializeDashboardState(state: DashboardState): string {
  const params = new URLSearchParams();
  if (state.range.kind === 'custom') {
    params.set('from', state.range.from);
    params.set('to', state.range.to);
  } else if (state.range.preset !== DEFAULT_PRESET) {
    params.set('range', state.range.preset);
  }
  if (state.groupBy !== DEFAULT_STATE.groupBy) {
    params.set('group_by', state.groupBy);
  }
  if (state.bucket !== DEFAULT_STATE.bucket) {
    params.set('bucket', state.bucket);
  }
  for (const field of FILTER_FIELDS) {
    for (const value of state.filters[field]) {
      params.append(field, value);
    }
  }
  return params.toString();
}

/** Whether any filter holds a value. */
export function hasFilters(filters: DashboardFilters): boolean {
  return FILTER_FIELDS.some((field) => filters[field].length > 0);
}

/** The state with one filter replaced (an empty list clears it). */
export function withFilter(
  state: DashboardState,
  field: FilterField,
  values: readonly string[],
): DashboardState {
  return { ...state, filters: { ...state.filters, [field]: [...values] } };
}
