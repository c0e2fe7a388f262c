/**
 * Turns a spend answer into what the charts and their table alternatives draw: one row per bucket
 * (empty buckets included, as zeros, so the time axis is even) with one column per series, and the
 * usage (tokens, requests) summed over the series per bucket.
 * @module
 */
import type { SpendAnswer, SpendSeries } from '@netra/shared/contracts';
import type { GroupByChoice } from './url-state';

/** One stacked series: `id` is its column in the rows (group values may hold dots, which charts read as paths). */
export interface SeriesInfo {
  id: string;
  label: string;
  spendUsd: number;
  other: boolean;
}

export interface SpendRow {
  bucket: string;
  [seriesId: string]: number | string;
}

export interface UsageChartRow {
  bucket: string;
  requests: number;
  errorRequests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
}

const NONE_LABELS: Readonly<Record<GroupByChoice, string>> = {
  model: '(no model)',
  provider: '(no provider)',
  feature: '(no feature)',
  user_id: '(no user)',
};

/** The legend name of a series: its group value, a name for "none", or "Other". */
export function seriesLabel(series: SpendSeries, groupBy: GroupByChoice | null, summed: number): string {
  if (series.other) {
    return `Other (${summed} more)`;
  }
  if (series.key === null || groupBy === null) {
    return 'All usage';
  }
  return series.key === '' ? NONE_LABELS[groupBy] : series.key;
}

/** The series of an answer in the order the backend gives (largest first, `other` last). */
export function seriesInfos(answer: SpendAnswer, groupBy: GroupByChoice | null): SeriesInfo[] {
  const summed = answer.groups - answer.series.filter((series) => !series.other).length;
  return answer.series.map((series, index) => ({
    id: `s${index}`,
    label: seriesLabel(series, groupBy, summed),
    spendUsd: series.totals.spend_usd,
    other: series.other,
  }));
}

/** One row per bucket of the window with each series' spend (0 where it had none). */
export function spendRows(answer: SpendAnswer): SpendRow[] {
  const rows = new Map<string, SpendRow>(
    answer.buckets.map((bucket) => [normalize(bucket), emptySpendRow(bucket, answer.series.length)]),
  );
  answer.series.forEach((series, index) => {
    for (const point of series.points) {
      const row = rows.get(normalize(point.bucket));
      if (row !== undefined) {
        row[`s${index}`] = (row[`s${index}`] as number) + point.spend_usd;
      }
    }
  });
  return [...rows.values()];
}

function emptySpendRow(bucket: string, seriesCount: number): SpendRow {
  const row: SpendRow = { bucket };
  for (let index = 0; index < seriesCount; index += 1) {
    row[`s${index}`] = 0;
  }
  return row;
}

/** Bucket instants compared as instants (`…00.000Z` and `…00Z` are the same bucket). */
function normalize(iso: string): string {
  return new Date(iso).toISOString();
}

/** Tokens and requests per bucket, summed over every series. */
export function usageRows(answer: SpendAnswer): UsageChartRow[] {
  const rows = new Map<string, UsageChartRow>(
    answer.buckets.map((bucket) => [
      normalize(bucket),
      { bucket, requests: 0, errorRequests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0 },
    ]),
  );
  for (const point of answer.series.flatMap((series) => series.points)) {
    const row = rows.get(normalize(point.bucket));
    if (row !== undefined) {
      row.requests += point.requests;
      row.errorRequests += point.error_requests;
      row.inputTokens += point.input_tokens;
      row.outputTokens += point.output_tokens;
      row.cacheReadTokens += point.cache_read_tokens;
    }
  }
  return [...rows.values()];
}
