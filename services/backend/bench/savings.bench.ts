/**
 * `npm run bench -- savings [--events=N] [--seed=S]`: the planted-opportunity benchmark. Generates
 * a deterministic workload with one feature per opportunity kind (each planting exactly one
 * inefficiency at a known true saving) plus clean features, stores it in an embedded ClickHouse
 * through the real ingestion path, runs the optimization engine and prints, per kind, detection and
 * estimated vs true monthly savings; then false positives and the plan. Exits 1 when a check fails.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeUsage, createPriceCatalog } from '@netra/optimizer';
import { openUsageAnalysis } from '#modules/usage/usage-analysis-source.js';
import { openClickHouse } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { evaluatePlantedReport } from '../src/test-support/planted/planted-evaluation.js';
import { ingestPlantedEvents } from '../src/test-support/planted/planted-ingest.js';
import { plantedTable } from '../src/test-support/planted/planted-table.js';
import { DEFAULT_SEED, generatePlantedWorkload } from '../src/test-support/planted/planted-workload.js';

const args = new Map(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]),
);
const EVENTS = Number(args.get('events') ?? 220_000);
const SEED = Number(args.get('seed') ?? DEFAULT_SEED);
const ORG_ID = 'bench-planted-org';

function write(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function run(dataDir: string): Promise<boolean> {
  const catalog = createPriceCatalog();
  let started = performance.now();
  const workload = generatePlantedWorkload({ events: EVENTS, seed: SEED, catalog });
  write(
    `generated ${workload.events.length.toLocaleString('en-US')} events over ${workload.days} days (seed ${SEED}) in ${seconds(started)}`,
  );
  for (const feature of workload.features) {
    write(
      `  ${feature.feature.padEnd(20)} ${`${feature.provider}/${feature.model}`.padEnd(42)} ${feature.kind ?? 'clean'}: ${feature.description}`,
    );
  }
  const store = await openClickHouse({ url: undefined, dataDir, database: 'netra' });
  try {
    await migrateClickHouse(store);
    started = performance.now();
    const ingested = await ingestPlantedEvents(store, ORG_ID, workload.events);
    write(
      `ingested ${ingested.stored.toLocaleString('en-US')} events (validate → price → store) in ${seconds(started)}`,
    );
    started = performance.now();
    const report = await analyzeUsage(await openUsageAnalysis(store), {
      scope: { orgId: ORG_ID },
      catalog,
    });
    write(`analyzed in ${seconds(started)}\n`);
    const evaluation = evaluatePlantedReport(report, workload);
    plantedTable(evaluation).forEach((line) => {
      write(line);
    });
    return evaluation.passed;
  } finally {
    await store.close();
  }
}

const root = mkdtempSync(join(tmpdir(), 'netra-savings-bench-'));
try {
  write(`bench savings: planted-opportunity workload, embedded ClickHouse (chdb); node ${process.version}\n`);
  process.exitCode = (await run(root)) ? 0 : 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
