/**
 * Spend analytics of an organization: the spend chart (figures per bucket, optionally per group)
 * and the summary (totals against the previous period of equal length, top cost drivers, cache-read
 * share, error waste, unpriced models). Spend sums priced requests only; unpriced ones are counted
 * apart, never as $0.
 * @module
 */
import type { SpendAnswer, SpendFigures, SpendSeries, SpendSummary } from '@netra/shared/contracts';
import type { AnalyticsQuery, AnalyticsWindow } from './analytics-query.js';
import { bucketStarts } from './analytics-query.js';
import type { AnalyticsRepository, BucketRow, DriverRow, PeriodRow } from './analytics.repository.js';
import { sourceFor } from './analytics-sql.js';

const FIGURES: readonly (keyof SpendFigures)[] = [
  'spend_usd',
  'requests',
  'unpriced_requests',
  'error_requests',
  'error_spend_usd',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
];

/** All figures zero. */
export function zeroFigures(): SpendFigures {
  return Object.fromEntries(FIGURES.map((name) => [name, 0])) as SpendFigures;
}

/** The figures of a row, without its other columns. */
function figuresOf(row: SpendFigures): SpendFigures {
  return Object.fromEntries(FIGURES.map((name) => [name, row[name]])) as SpendFigures;
}

function addInto(total: SpendFigures, row: SpendFigures): void {
  for (const name of FIGURES) {
    total[name] += row[name];
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function percentChange(current: number, previous: number): number | null {
  return previous === 0 ? null : ((current - previous) / previous) * 100;
}

/** Builds the series: listed groups in rank order, then `other` when some groups were summed. */
function toSeries(rows: readonly BucketRow[], ranked: readonly string[], grouped: boolean): SpendSeries[] {
  const series = new Map<string, SpendSeries>();
  const seriesOf = (row: BucketRow) => {
    const id = row.listed === 1 ? `k:${row.key}` : 'other';
    const found = series.get(id);
    if (found !== undefined) {
      return found;
    }
    const created: SpendSeries = {
      key: grouped && row.listed === 1 ? row.key : null,
      other: row.listed !== 1,
      totals: zeroFigures(),
      points: [],
    };
    series.set(id, created);
    return created;
  };
  for (const row of rows) {
    const target = seriesOf(row);
    addInto(target.totals, row);
    target.points.push({ bucket: iso(row.bucket_s * 1000), ...figuresOf(row) });
  }
  const order = (entry: SpendSeries) => (entry.other ? ranked.length : ranked.indexOf(entry.key ?? ''));
  return [...series.values()].sort((a, b) => order(a) - order(b));
}

/** Spend analytics; see the module comment. */
export class AnalyticsService {
  constructor(private readonly repository: AnalyticsRepository) {}

  /** The spend chart of `query`. */
  async spend(orgId: string, query: AnalyticsQuery): Promise<SpendAnswer> {
    const source = sourceFor(query);
    const grouped = query.groupBy !== undefined;
    const top = grouped ? await this.repository.topGroups(orgId, query, source) : [];
    const ranked = grouped ? top.map((row) => row.key) : [''];
    const rows = await this.repository.buckets(orgId, query, source, ranked);
    const series = toSeries(rows, ranked, grouped);
    const totals = zeroFigures();
    series.forEach((entry) => {
      addInto(totals, entry.totals);
    });
    return {
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      bucket: query.bucket,
      group_by: query.groupBy === undefined ? null : groupByName(query.groupBy),
      source,
      buckets: bucketStarts(query.bucket, query.from, query.to).map(iso),
      groups: grouped ? (top[0]?.groups ?? 0) : series.length,
      series,
      totals,
    };
  }

  /** The summary of a window against the one of equal length just before it. */
  async summary(orgId: string, window: AnalyticsWindow): Promise<SpendSummary> {
    const length = window.to.getTime() - window.from.getTime();
    const previous = { ...window, from: new Date(window.from.getTime() - length), to: window.from };
    const [periods, drivers, unpriced] = await Promise.all([
      this.repository.periods(orgId, window, previous),
      this.repository.topDrivers(orgId, window),
      this.repository.unpricedModels(orgId, window),
    ]);
    const current = periodFigures(periods, 1);
    const before = periodFigures(periods, 0);
    return {
      source: sourceFor(window),
      current: { from: iso(window.from.getTime()), to: iso(window.to.getTime()), totals: current },
      previous: { from: iso(previous.from.getTime()), to: iso(previous.to.getTime()), totals: before },
      change: {
        spend_usd: current.spend_usd - before.spend_usd,
        spend_pct: percentChange(current.spend_usd, before.spend_usd),
        requests: current.requests - before.requests,
        requests_pct: percentChange(current.requests, before.requests),
      },
      cache_read_share: current.input_tokens === 0 ? null : current.cache_read_tokens / current.input_tokens,
      error_waste: { spend_usd: current.error_spend_usd, requests: current.error_requests },
      unpriced_models: unpriced,
      top_cost_drivers: drivers.map((row) => toDriver(row, current.spend_usd)),
    };
  }
}

function periodFigures(rows: readonly PeriodRow[], current: number): SpendFigures {
  const row = rows.find((candidate) => candidate.current === current);
  return row === undefined ? zeroFigures() : figuresOf(row);
}

function toDriver(row: DriverRow, spend: number) {
  const figures = figuresOf(row);
  return {
    provider: row.provider,
    model: row.model,
    feature: row.feature,
    ...figures,
    share: spend === 0 ? null : figures.spend_usd / spend,
  };
}

function groupByName(groupBy: NonNullable<AnalyticsQuery['groupBy']>): string {
  return 'key' in groupBy ? `${groupBy.kind}:${groupBy.key}` : groupBy.kind;
}
