/**
 * `npm run bench -- export [--events=N]`: streams usage exports of N stored events (default
 * 1,000,000 over 30 days) from an embedded ClickHouse and shows memory stays flat: RSS and heap are
 * sampled while the export streams, and read at 10% and at 100% of the rows, next to the figures
 * before it started. Exits 1 when the RSS grows by more than FLAT_LIMIT_MB between 10% and the end.
 * The export runs as the route runs it (the service's iterable through a Readable that reads one
 * chunk ahead) into a sink that drops the bytes, so only the export's own memory is measured.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createPriceCatalog } from '@netra/optimizer';
import { parseUsageEvent } from '@netra/shared';
import { buildUsageRow, EventIdDeriver } from '#modules/ingestion/usage-row-builder.js';
import { UsageExportRepository } from '#modules/usage-export/usage-export.repository.js';
import { UsageExportService } from '#modules/usage-export/usage-export.service.js';
import type { UsageRow } from '#modules/usage/usage-row.js';
import { UsageRepository } from '#modules/usage/usage.repository.js';
import { openClickHouse, type ClickHouseStore } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { benchEvent } from './ingest-workload.js';

const args = new Map(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]),
);
const EVENTS = Number(args.get('events') ?? 1_000_000);
const ORG_ID = 'bench-export-org';
const START = Date.UTC(2026, 9, 1);
const DAYS = 30;
const SPACING_MS = Math.floor((DAYS * 86_400_000) / EVENTS);
const INSERT_BATCH = 20_000;
const SAMPLE_MS = 50;
const FLAT_LIMIT_MB = 64;
const MB = 1024 * 1024;

function write(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function mb(bytes: number): string {
  return `${(bytes / MB).toFixed(0)} MB`;
}

async function seed(store: ClickHouseStore): Promise<void> {
  const pricer = createPriceCatalog();
  const context = {
    orgId: ORG_ID,
    ids: new EventIdDeriver(),
    source: 'rest',
    storePrompts: false,
    ingestedAt: new Date(),
  };
  const repository = new UsageRepository(store);
  for (let start = 0; start < EVENTS; start += INSERT_BATCH) {
    const rows: UsageRow[] = [];
    for (let index = start; index < Math.min(start + INSERT_BATCH, EVENTS); index += 1) {
      const event = {
        ...benchEvent('export', index),
        timestamp: new Date(START + index * SPACING_MS).toISOString(),
      };
      const parsed = parseUsageEvent(event, index);
      if (parsed.ok) {
        rows.push(buildUsageRow(parsed.event, pricer, context));
      }
    }
    await repository.insertRows(rows);
  }
}

interface Run {
  rows: number;
  bytes: number;
  seconds: number;
  startRss: number;
  startHeap: number;
  peakRss: number;
  peakHeap: number;
  /** RSS when 10% of the rows had streamed, and at the end. */
  rssAtTenth: number;
  rssAtEnd: number;
}

function startRun(): Run {
  const start = process.memoryUsage();
  return {
    rows: -1, // the header line
    bytes: 0,
    seconds: 0,
    startRss: start.rss,
    startHeap: start.heapUsed,
    peakRss: start.rss,
    peakHeap: start.heapUsed,
    rssAtTenth: 0,
    rssAtEnd: 0,
  };
}

/** Reads memory now, keeping the peaks; returns the RSS. */
function sample(run: Run): number {
  const now = process.memoryUsage();
  run.peakRss = Math.max(run.peakRss, now.rss);
  run.peakHeap = Math.max(run.peakHeap, now.heapUsed);
  return now.rss;
}

/** A sink dropping the bytes, counting rows (lines) and bytes; reads the RSS as 10% of the rows pass. */
function countingSink(run: Run, expectedRows: number): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = chunk.toString();
      run.bytes += Buffer.byteLength(text);
      const before = run.rows;
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
        run.rows += 1;
      }
      if (before < expectedRows / 10 && run.rows >= expectedRows / 10) {
        run.rssAtTenth = sample(run);
      }
      done();
    },
  });
}

/** Streams one export into a sink that counts rows and bytes, sampling memory as it goes. */
async function measure(
  service: UsageExportService,
  format: 'csv' | 'focus',
  expectedRows: number,
): Promise<Run> {
  const run = startRun();
  const timer = setInterval(() => sample(run), SAMPLE_MS);
  const began = performance.now();
  const window = { from: new Date(START), to: new Date(START + DAYS * 86_400_000) };
  const exported = service.export(ORG_ID, { ...window, format });
  await pipeline(Readable.from(exported.body, { highWaterMark: 1 }), countingSink(run, expectedRows));
  clearInterval(timer);
  run.seconds = (performance.now() - began) / 1000;
  run.rssAtEnd = sample(run);
  return run;
}

function report(format: string, run: Run): void {
  write(
    `${format.padEnd(6)} ${run.rows.toLocaleString('en-US').padStart(10)} rows  ${mb(run.bytes).padStart(7)}  ` +
      `${run.seconds.toFixed(1).padStart(6)} s  ${Math.round(run.rows / run.seconds)
        .toLocaleString('en-US')
        .padStart(9)} rows/s`,
  );
  write(
    `       RSS start ${mb(run.startRss)}, peak ${mb(run.peakRss)}, at 10% of rows ${mb(run.rssAtTenth)}, ` +
      `at 100% ${mb(run.rssAtEnd)} (growth 10%→100%: ${mb(run.rssAtEnd - run.rssAtTenth)}); ` +
      `heap start ${mb(run.startHeap)}, peak ${mb(run.peakHeap)}`,
  );
}

async function main(dataDir: string): Promise<number> {
  const store = await openClickHouse({ url: undefined, dataDir, database: 'netra' });
  try {
    await migrateClickHouse(store);
    let began = performance.now();
    await seed(store);
    write(
      `seeded ${EVENTS.toLocaleString('en-US')} events over ${DAYS} days in ${((performance.now() - began) / 1000).toFixed(1)} s`,
    );
    const service = new UsageExportService(new UsageExportRepository(store), createPriceCatalog());
    began = performance.now();
    const csv = await measure(service, 'csv', EVENTS);
    report('csv', csv);
    const focus = await measure(service, 'focus', 1);
    report('focus', focus);
    const flat = csv.rows === EVENTS && csv.rssAtEnd - csv.rssAtTenth <= FLAT_LIMIT_MB * MB;
    write(
      flat ? `flat: RSS grew ≤ ${FLAT_LIMIT_MB} MB from 10% to 100% of the rows` : 'NOT FLAT or rows missing',
    );
    return flat ? 0 : 1;
  } finally {
    await store.close();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'netra-export-bench-'));
try {
  process.exitCode = await main(dataDir);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
