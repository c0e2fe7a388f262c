/**
 * Anomalies in an organization's daily series for the Data agent: spend spikes, error surges and
 * latency regressions. Each day is judged against the days before it with the budgets module's
 * robust screen (`judge`: modified z-score over a trailing median and MAD, above 3.5, and a minimum
 * absolute rise), so a report and a budget alert call the same day anomalous the same way.
 * @module
 */
import type { DataFindings } from '@netra/shared/contracts';
import { BASELINE_DAYS, DEFAULT_ANOMALY_LIMITS, judge } from '#modules/budgets/anomaly.js';
import type { DailyUsage } from '../agent.js';

export type UsageAnomaly = DataFindings['anomalies'][number];

const DAY_MS = 86_400_000;
/** Days of baseline (with the measure present) a day needs before it is judged. */
export const MIN_BASELINE_DAYS = 7;
const MAD_SCALE = 0.6745;
/** A spike must also add a dollar and a fifth of the median day; a latency regression 100 ms and a fifth. */
const MIN_SPEND_RISE_USD = 1;
const MIN_LATENCY_RISE_MS = 100;
const MIN_RELATIVE_RISE = 0.2;

export const ANOMALY_METHOD =
  `Each day is compared with the ${BASELINE_DAYS} calendar days before it (at least ${MIN_BASELINE_DAYS} ` +
  'of them with the measure): it is anomalous when its modified z-score 0.6745 × (value − median) / MAD ' +
  'exceeds 3.5 and it rises above the median by a minimum change (spend: $1 and 20% of the median; ' +
  `error rate: ${DEFAULT_ANOMALY_LIMITS.minErrorRateChange * 100} points on days with at least ` +
  `${DEFAULT_ANOMALY_LIMITS.minRequestsForErrorRate} requests; p95 latency: 100 ms and 20% of the median). ` +
  'Median and MAD resist earlier spikes in the baseline; days without usage count as $0 of spend. ' +
  'Where the baseline is flat (MAD 0) the score uses 1% of the median as the MAD.';

/** A measure of a day, or undefined when the day has none to judge. */
interface Measure {
  kind: UsageAnomaly['kind'];
  of(day: DailyUsage): number | undefined;
  minRise(median: number): number;
  describe(day: string, value: number, median: number): string;
}

const usd = (value: number) => `$${value.toFixed(2)}`;
const ratio = (value: number, median: number) => (median > 0 ? ` (${(value / median).toFixed(1)}×)` : '');

const MEASURES: readonly Measure[] = [
  {
    kind: 'spend_spike',
    of: (day) => day.cost_usd,
    minRise: (median) => Math.max(MIN_SPEND_RISE_USD, MIN_RELATIVE_RISE * median),
    describe: (day, value, median) =>
      `Spend on ${day} was ${usd(value)} against a median day of ${usd(median)}${ratio(value, median)}.`,
  },
  {
    kind: 'error_surge',
    of: (day) =>
      day.requests >= DEFAULT_ANOMALY_LIMITS.minRequestsForErrorRate ? day.errors / day.requests : undefined,
    minRise: () => DEFAULT_ANOMALY_LIMITS.minErrorRateChange,
    describe: (day, value, median) =>
      `Error rate on ${day} was ${(value * 100).toFixed(1)}% against a median of ${(median * 100).toFixed(1)}%.`,
  },
  {
    kind: 'latency_regression',
    of: (day) => day.p95_latency_ms ?? undefined,
    minRise: (median) => Math.max(MIN_LATENCY_RISE_MS, MIN_RELATIVE_RISE * median),
    describe: (day, value, median) =>
      `p95 latency on ${day} was ${Math.round(value)} ms against a median of ${Math.round(median)} ms${ratio(value, median)}.`,
  },
];

const NO_USAGE: Omit<DailyUsage, 'day'> = { requests: 0, cost_usd: 0, errors: 0, p95_latency_ms: null };

/** Every calendar day from the first to the last of the series, days without usage filled with zeros. */
export function denseSeries(series: readonly DailyUsage[]): DailyUsage[] {
  const first = series[0];
  const last = series.at(-1);
  if (first === undefined || last === undefined) {
    return [];
  }
  const byDay = new Map(series.map((day) => [day.day, day]));
  const days: DailyUsage[] = [];
  for (let at = Date.parse(first.day); at <= Date.parse(last.day); at += DAY_MS) {
    const day = new Date(at).toISOString().slice(0, 10);
    days.push(byDay.get(day) ?? { day, ...NO_USAGE });
  }
  return days;
}

function robustScore(value: number, median: number, mad: number): number {
  const scale = mad > 0 ? mad : Math.max(median * 0.01, Number.EPSILON);
  return Math.round(((MAD_SCALE * (value - median)) / scale) * 100) / 100;
}

function judgeDay(measure: Measure, days: readonly DailyUsage[], index: number): UsageAnomaly | undefined {
  const day = days[index];
  const value = day === undefined ? undefined : measure.of(day);
  const baseline = days
    .slice(Math.max(0, index - BASELINE_DAYS), index)
    .flatMap((past) => measure.of(past) ?? []);
  if (day === undefined || value === undefined || baseline.length < MIN_BASELINE_DAYS) {
    return undefined;
  }
  const verdict = judge(value, baseline, 0);
  if (!verdict.anomalous || value - verdict.median < measure.minRise(verdict.median)) {
    return undefined;
  }
  return {
    kind: measure.kind,
    day: day.day,
    value,
    expected: verdict.median,
    score: robustScore(value, verdict.median, verdict.mad),
    message: measure.describe(day.day, value, verdict.median),
  };
}

/** The anomalies of the series, by day then kind (spend, errors, latency). */
export function findUsageAnomalies(series: readonly DailyUsage[]): UsageAnomaly[] {
  const days = denseSeries(series);
  const found: UsageAnomaly[] = [];
  for (let index = 0; index < days.length; index += 1) {
    for (const measure of MEASURES) {
      const anomaly = judgeDay(measure, days, index);
      if (anomaly !== undefined) {
        found.push(anomaly);
      }
    }
  }
  return found;
}
