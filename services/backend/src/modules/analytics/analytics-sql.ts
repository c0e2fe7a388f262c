/**
 * The SQL of analytics queries over three sources of the same figures: the hourly aggregates
 * (`usage_hourly`, without user_id; `usage_hourly_users`, with it), kept by migration 0004's
 * materialized views, and the raw `usage_events` (FINAL), read only for tags and metadata, which the
 * aggregates do not keep. One query shape for all three: only the column expressions differ, so an
 * answer is the same whichever source gave it (tested against each other and against the events).
 * @module
 */
import type { AnalyticsBucket, AnalyticsSource } from '@netra/shared/contracts';
import type { QueryParams } from '#platform/stores/clickhouse.js';
import type { AnalyticsWindow, Filters, GroupBy } from './analytics-query.js';

/** SQL text plus the parameters it binds. */
export interface SqlPart {
  sql: string;
  params: QueryParams;
}

interface SourceColumns {
  /** The row's time as a DateTime. */
  time: string;
  /** The stored time column the window is compared with (the primary key's second column). */
  timeColumn: string;
  requests: string;
  unpriced: string;
  spend: string;
  final: boolean;
}

const HOURLY: SourceColumns = {
  time: 's.hour',
  timeColumn: 's.hour',
  requests: 's.requests',
  unpriced: 's.unpriced_requests',
  spend: 's.cost_usd',
  final: false,
};

const DAILY: SourceColumns = { ...HOURLY, time: 's.day', timeColumn: 's.day' };

// A NULL cost is unpriced: never in the spend, counted by its requests.
const EVENTS: SourceColumns = {
  time: "toDateTime(s.timestamp, 'UTC')",
  timeColumn: 's.timestamp',
  requests: 's.request_count',
  unpriced: 'if(s.cost_usd IS NULL, s.request_count, 0)',
  spend: 'ifNull(s.cost_usd, 0)',
  final: true,
};

const COLUMNS: Record<AnalyticsSource, SourceColumns> = {
  usage_hourly: HOURLY,
  usage_daily: DAILY,
  usage_hourly_users: HOURLY,
  usage_events: EVENTS,
};

const TOKENS = [
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
];

const DAY_MS = 86_400_000;

/** What decides the source: the filters, the grouping, and whether the window is whole days in day buckets or wider. */
export interface SourceNeeds {
  filters: Filters;
  groupBy?: GroupBy | undefined;
  /** Undefined for the summary (no buckets). */
  bucket?: AnalyticsBucket | undefined;
  from: Date;
  to: Date;
}

/**
 * The smallest source able to answer: tags and metadata need the events, a user the hourly user
 * table; whole UTC days read the daily table unless the answer is in hours; anything else the hourly one.
 */
export function sourceFor(needs: SourceNeeds): AnalyticsSource {
  const kind = needs.groupBy?.kind;
  if (kind === 'tag' || kind === 'meta' || needs.filters.tag !== undefined || needs.filters.meta.size > 0) {
    return 'usage_events';
  }
  if (kind === 'user_id' || needs.filters.user_id !== undefined) {
    return 'usage_hourly_users';
  }
  const wholeDays = needs.from.getTime() % DAY_MS === 0 && needs.to.getTime() % DAY_MS === 0;
  return wholeDays && needs.bucket !== 'hour' ? 'usage_daily' : 'usage_hourly';
}

/** The stored time column of a source. */
export function timeColumnOf(source: AnalyticsSource): string {
  return COLUMNS[source].timeColumn;
}

/** The sum of unpriced requests. */
export function unpricedSql(source: AnalyticsSource): string {
  return `sum(${COLUMNS[source].unpriced})`;
}

/** Every figure of SpendFigures, summed over the rows of a group. */
export function figuresSql(source: AnalyticsSource): string {
  const c = COLUMNS[source];
  return [
    `sum(${c.spend}) AS spend_usd`,
    `sum(${c.requests}) AS requests`,
    `sum(${c.unpriced}) AS unpriced_requests`,
    `sumIf(${c.requests}, s.status = 'error') AS error_requests`,
    `sumIf(${c.spend}, s.status = 'error') AS error_spend_usd`,
    ...TOKENS.map((name) => `sum(s.${name}) AS ${name}`),
  ].join(', ');
}

/** The start of a row's bucket, in seconds since the epoch (weeks start on Monday). */
export function bucketSql(source: AnalyticsSource, bucket: AnalyticsBucket): string {
  const time = COLUMNS[source].time;
  const start =
    bucket === 'hour'
      ? `toStartOfHour(${time})`
      : bucket === 'day'
        ? `toStartOfDay(${time})`
        : `toDateTime(toMonday(${time}), 'UTC')`;
  return `toUnixTimestamp(${start})`;
}

/** The group key of a row; '' where an event has no such tag or metadata key. */
export function groupKeySql(groupBy: GroupBy | undefined): SqlPart {
  if (groupBy === undefined) {
    return { sql: "''", params: {} };
  }
  if (groupBy.kind === 'tag') {
    // A tag `<key>:<value>` gives the value; the first such tag of an event counts, so no event is in two groups.
    return {
      sql: 'substring(arrayFirst(t -> startsWith(t, {group_prefix:String}), s.tags), length({group_prefix:String}) + 1)',
      params: { group_prefix: `${groupBy.key}:` },
    };
  }
  if (groupBy.kind === 'meta') {
    return { sql: 's.metadata[{group_key:String}]', params: { group_key: groupBy.key } };
  }
  return { sql: `toString(s.${groupBy.kind})`, params: {} };
}

const LISTED = ['model', 'provider', 'feature', 'user_id', 'environment', 'status'] as const;

function filterConditions(filters: Filters): SqlPart {
  const conditions: string[] = [];
  const params: QueryParams = {};
  for (const field of LISTED) {
    const wanted = filters[field];
    if (wanted !== undefined) {
      conditions.push(`toString(s.${field}) IN {f_${field}:Array(String)}`);
      params[`f_${field}`] = wanted;
    }
  }
  if (filters.tag !== undefined) {
    conditions.push('hasAny(s.tags, {f_tag:Array(String)})');
    params.f_tag = filters.tag;
  }
  [...filters.meta.entries()].forEach(([key, wanted], index) => {
    conditions.push(`s.metadata[{f_meta_key_${index}:String}] IN {f_meta_${index}:Array(String)}`);
    params[`f_meta_key_${index}`] = key;
    params[`f_meta_${index}`] = wanted;
  });
  return { sql: conditions.map((condition) => ` AND ${condition}`).join(''), params };
}

/** `FROM <source> AS s [FINAL] WHERE org AND window AND filters`, the window on whole hours. */
export function fromSql(
  source: AnalyticsSource,
  table: string,
  orgId: string,
  window: AnalyticsWindow,
): SqlPart {
  const c = COLUMNS[source];
  const timeColumn = c.timeColumn;
  const filters = filterConditions(window.filters);
  return {
    sql:
      `FROM ${table} AS s${c.final ? ' FINAL' : ''} WHERE s.org_id = {org_id:String} ` +
      `AND ${timeColumn} >= toDateTime({from_s:Int64}, 'UTC') AND ${timeColumn} < toDateTime({to_s:Int64}, 'UTC')` +
      filters.sql,
    params: {
      org_id: orgId,
      from_s: window.from.getTime() / 1000,
      to_s: window.to.getTime() / 1000,
      ...filters.params,
    },
  };
}
