/**
 * `npm run bench -- analytics [--events=1000000,10000000] [--runs=50]`: the dashboard's analytics
 * queries over a growing store. The events of analytics-workload are inserted into an embedded
 * ClickHouse (chdb, migrated, so the hourly aggregates fill as ingestion's inserts would fill them),
 * up to each size in turn; at each size every query runs `--runs` times through the analytics
 * service. Prints p50/p99 per query and size side by side, the growth ratio of the last size to the
 * first, and PASS/FAIL for the target: p99 < 100 ms at the largest size for the summary and the
 * 30-day daily chart.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalyticsRepository } from '#modules/analytics/analytics.repository.js';
import { AnalyticsService } from '#modules/analytics/analytics.service.js';
import type { AnalyticsQuery, AnalyticsWindow } from '#modules/analytics/analytics-query.js';
import { openClickHouse, type ClickHouseStore } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { BENCH_DAYS, BENCH_ORG, BENCH_START_MS, insertBenchEvents } from './analytics-workload.js';

const args = new Map(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string | undefined]),
);
const SIZES = (args.get('events') ?? '1000000,10000000').split(',').map(Number);
const RUNS = Number(args.get('runs') ?? 50);
const TARGET_MS = 100;
const DAY_MS = 86_400_000;
const END = new Date(BENCH_START_MS + BENCH_DAYS * DAY_MS);
const daysBack = (days: number) => new Date(END.getTime() - days * DAY_MS);
const noFilters = () => ({ meta: new Map<string, string[]>() });

const window = (days: number): AnalyticsWindow => ({ from: daysBack(days), to: END, filters: noFilters() });
const chart = (days: number, bucket: AnalyticsQuery['bucket'], groupBy?: AnalyticsQuery['groupBy']) => ({
  ...window(days),
  bucket,
  groupBy,
  limit: 20,
});

interface DashboardQuery {
  name: string;
  target: boolean;
  /** Fewer runs for the raw-table query, which reads every event of its window. */
  runs: number;
  run(service: AnalyticsService): Promise<unknown>;
}

const QUERIES: DashboardQuery[] = [
  { name: 'summary, 30 days', target: true, runs: RUNS, run: (s) => s.summary(BENCH_ORG, window(30)) },
  {
    name: 'daily spend by model, 30 days',
    target: true,
    runs: RUNS,
    run: (s) => s.spend(BENCH_ORG, chart(30, 'day', { kind: 'model' })),
  },
  {
    name: 'hourly spend, 7 days',
    target: false,
    runs: RUNS,
    run: (s) => s.spend(BENCH_ORG, chart(7, 'hour')),
  },
  {
    name: 'daily spend by feature, 30 days',
    target: false,
    runs: RUNS,
    run: (s) => s.spend(BENCH_ORG, chart(30, 'day', { kind: 'feature' })),
  },
  {
    name: 'daily spend by tag team, 7 days (raw events)',
    target: false,
    runs: Math.max(3, Math.ceil(RUNS / 10)),
    run: (s) => s.spend(BENCH_ORG, chart(7, 'day', { kind: 'tag', key: 'team' })),
  },
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(
  service: AnalyticsService,
  query: DashboardQuery,
): Promise<{ p50: number; p99: number }> {
  await query.run(service);
  const times: number[] = [];
  for (let run = 0; run < query.runs; run += 1) {
    const started = performance.now();
    await query.run(service);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function aggregateRows(store: ClickHouseStore): Promise<string> {
  const [row] = await store.queryRows<{ hourly: number; daily: number; users: number }>(
    `SELECT (SELECT count() FROM ${store.table('usage_hourly')}) AS hourly, ` +
      `(SELECT count() FROM ${store.table('usage_daily')}) AS daily, ` +
      `(SELECT count() FROM ${store.table('usage_hourly_users')}) AS users`,
  );
  return (
    `aggregate rows: usage_daily ${row?.daily ?? 0}, usage_hourly ${row?.hourly ?? 0}, ` +
    `usage_hourly_users ${row?.users ?? 0}`
  );
}

/**
 * Merges the aggregates' parts, as background merges do while usage trickles in over the month: a
 * store that took 10M events in five minutes would otherwise be timed mid-merge. The events table is
 * left as inserted.
 */
async function settleAggregates(store: ClickHouseStore): Promise<void> {
  for (const table of ['usage_daily', 'usage_hourly', 'usage_hourly_users']) {
    await store.command(`OPTIMIZE TABLE ${store.table(table)} FINAL`);
  }
}

const print = (line: string) => process.stdout.write(`${line}\n`);
const ms = (value: number) => value.toFixed(1).padStart(8);

function printTable(results: Map<number, { p50: number; p99: number }[]>): boolean {
  const header = SIZES.map((size) => `${(size / 1e6).toString()}M p50/p99 ms`.padStart(22)).join('');
  print(`\n${'query'.padEnd(46)}${header}${'p99 growth'.padStart(12)}`);
  let pass = true;
  QUERIES.forEach((query, index) => {
    const cells = SIZES.map((size) => {
      const figure = results.get(size)?.[index];
      return figure === undefined ? ''.padStart(22) : `${ms(figure.p50)} / ${ms(figure.p99)}`.padStart(22);
    });
    const first = results.get(SIZES[0] ?? 0)?.[index]?.p99 ?? Number.NaN;
    const last = results.get(SIZES.at(-1) ?? 0)?.[index]?.p99 ?? Number.NaN;
    const growth = SIZES.length > 1 ? `×${(last / first).toFixed(2)}` : '';
    print(`${query.name.padEnd(46)}${cells.join('')}${growth.padStart(12)}`);
    if (query.target && !(last < TARGET_MS)) {
      pass = false;
    }
  });
  return pass;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'netra-analytics-bench-'));
  const store = await openClickHouse({ url: undefined, dataDir: root, database: 'netra' });
  const results = new Map<number, { p50: number; p99: number }[]>();
  try {
    await migrateClickHouse(store);
    const service = new AnalyticsService(new AnalyticsRepository(store));
    let stored = 0;
    for (const size of SIZES) {
      const started = performance.now();
      await insertBenchEvents(store, stored, size);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      print(
        `${size.toLocaleString('en')} events stored (${(size - stored).toLocaleString('en')} more in ${seconds} s); ` +
          (await aggregateRows(store)),
      );
      stored = size;
      await settleAggregates(store);
      print(`after their background merges: ${await aggregateRows(store)}`);
      const figures = [];
      for (const query of QUERIES) {
        figures.push(await measure(service, query));
      }
      results.set(size, figures);
    }
  } finally {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  }
  const pass = printTable(results);
  print(
    `\n${pass ? 'PASS' : 'FAIL'}: p99 < ${TARGET_MS} ms at ${(SIZES.at(-1) ?? 0).toLocaleString('en')} events ` +
      'for the 30-day summary and the 30-day daily chart',
  );
}

await main();
