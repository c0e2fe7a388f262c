/**
 * The measuring pass in ClickHouse against the engine's own request-by-request pass, on the same
 * flags table and candidates: the analyze benchmark's workload (six features, long-context bands,
 * billed errors, repeats, prefix chains, batchable traffic) and the planted workload (one feature
 * per kind of change), every candidate measured and planned, then a plan of part of them with a
 * proven part, then one segment alone. Every figure agrees to 1e-9 relative.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  analyzeUsage,
  createPriceCatalog,
  DEFAULT_SETTINGS,
  measure,
  profileWorkload,
  proposeCandidates,
  segmentKey,
  type Candidate,
  type Measurement,
  type MeasureRequest,
  type UsageAnalysis,
} from '@netra/optimizer';
import { isProvenOpportunity } from '@netra/shared/contracts';
import { tempDataDir } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFileIntoStore, LOCAL_ORG_ID } from '#cli/analyze-import.js';
import { parseAnalyzeArgs } from '#cli/analyze-args.js';
import { openClickHouse, type ClickHouseStore } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { writeWorkloadFile } from '#test-support/analyze-workload.js';
import { ingestPlantedEvents } from '#test-support/planted/planted-ingest.js';
import { generatePlantedWorkload } from '#test-support/planted/planted-workload.js';
import { openUsageAnalysis } from '#modules/usage/usage-analysis-source.js';

const catalog = createPriceCatalog();
const settings = DEFAULT_SETTINGS;
const PLANTED_ORG = 'planted-org';
let store: ClickHouseStore;
let dir: string;

beforeAll(async () => {
  store = await openClickHouse({
    url: undefined,
    dataDir: tempDataDir('measure-in-store'),
    database: 'netra',
  });
  await migrateClickHouse(store);
  dir = mkdtempSync(join(tmpdir(), 'measure-in-store-'));
  const file = join(dir, 'usage.jsonl');
  await writeWorkloadFile(file, 20_000);
  const args = parseAnalyzeArgs([file]);
  if (args.help) {
    throw new Error('unexpected --help');
  }
  await importFileIntoStore(store, catalog, file, args, () => undefined);
  await ingestPlantedEvents(store, PLANTED_ORG, generatePlantedWorkload({ events: 12_000, catalog }).events);
}, 180_000);

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectClose(actual: number, expected: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

function expectSameMeasurement(inStore: Measurement | undefined, engine: Measurement): void {
  expect(inStore).toBeDefined();
  const sql = inStore as Measurement;
  expectClose(sql.baseline, engine.baseline, 'baseline');
  expectClose(sql.plan, engine.plan, 'plan');
  expectClose(sql.proven, engine.proven, 'proven');
  expect([...sql.individual.keys()].sort()).toEqual([...engine.individual.keys()].sort());
  for (const [id, saving] of engine.individual) {
    expectClose(sql.individual.get(id) ?? NaN, saving, id);
  }
  expect(new Map([...sql.touched].map(([id, set]) => [id, [...set].sort()]))).toEqual(
    new Map([...engine.touched].map(([id, set]) => [id, [...set].sort()])),
  );
  expect([...sql.planBySegment.keys()].sort()).toEqual([...engine.planBySegment.keys()].sort());
  for (const [key, sums] of engine.planBySegment) {
    expect(sql.planBySegment.get(key)?.segment).toEqual(sums.segment);
    expectClose(sql.planBySegment.get(key)?.plan ?? NaN, sums.plan, `plan of ${key}`);
    expectClose(sql.planBySegment.get(key)?.proven ?? NaN, sums.proven, `proven of ${key}`);
  }
}

async function withAnalysis<T>(
  orgId: string,
  use: (analysis: UsageAnalysis, candidates: Candidate[]) => Promise<T>,
) {
  const source = await openUsageAnalysis(store);
  const scope = { orgId };
  const analysis = await source.openAnalysis(scope, settings);
  try {
    const profile = await profileWorkload(analysis, scope, settings);
    return await use(analysis, proposeCandidates(profile, catalog, settings));
  } finally {
    await analysis.close();
  }
}

async function bothPasses(analysis: UsageAnalysis, orgId: string, pass: Omit<MeasureRequest, 'catalog'>) {
  const scope = { orgId };
  const inStore = await analysis.measure?.(scope, settings, { ...pass, catalog });
  const requests = analysis.analyzedRequests(scope, settings, pass.segments);
  const only = pass.segments === undefined ? undefined : new Set(pass.segments.map(segmentKey));
  const engine = await measure(requests, catalog, pass.measured, pass.planned, only);
  return { inStore, engine };
}

describe.each([
  ['the analyze benchmark workload', LOCAL_ORG_ID, 6],
  ['the planted workload', PLANTED_ORG, 8],
])('measuring in ClickHouse on %s', (_name, orgId, minKinds) => {
  it('gives every candidate alone, the plan of all and its proven part as the engine does', async () => {
    await withAnalysis(orgId, async (analysis, candidates) => {
      expect(new Set(candidates.map((candidate) => candidate.kind)).size).toBeGreaterThanOrEqual(minKinds);
      const { inStore, engine } = await bothPasses(analysis, orgId, {
        measured: candidates,
        planned: candidates,
      });
      expect(engine.plan).toBeGreaterThan(0);
      expectSameMeasurement(inStore, engine);
    });
  });

  it('gives the plan of part of the candidates, with a proven part that is not all of it', async () => {
    await withAnalysis(orgId, async (analysis, candidates) => {
      const planned = candidates.filter((_candidate, index) => index % 3 !== 1);
      expect(planned.some(isProvenOpportunity)).toBe(true);
      expect(planned.every(isProvenOpportunity)).toBe(false);
      const { inStore, engine } = await bothPasses(analysis, orgId, { measured: [], planned });
      expectSameMeasurement(inStore, engine);
    });
  });

  it('measures only the segments asked for', async () => {
    await withAnalysis(orgId, async (analysis, candidates) => {
      const first = candidates[0] as Candidate;
      const segment = {
        feature: first.scope.feature ?? '',
        provider: first.scope.provider ?? '',
        model: first.scope.model ?? '',
      };
      const pass = { measured: [], planned: candidates, segments: [segment] };
      const { inStore, engine } = await bothPasses(analysis, orgId, pass);
      expect(inStore?.planBySegment.size).toBe(1);
      expectSameMeasurement(inStore, engine);
    });
  });
});

/** Every number of two reports within 1e-9 relative, everything else equal (ids and times aside). */
function expectSameReport(actual: unknown, expected: unknown, path = 'report'): void {
  if (typeof expected === 'number') {
    expectClose(actual as number, expected, path);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    expect(actual, path).toEqual(expected);
    return;
  }
  const entries = Object.entries(expected).filter(([key]) => key !== 'generated_at' && key !== 'report_id');
  expect(Object.keys(actual as object).length, path).toBe(Object.keys(expected).length);
  for (const [key, value] of entries) {
    expectSameReport((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  }
}

describe('measuring in ClickHouse falls back to the engine', () => {
  it('gives the same report as the engine own pass, which runs when the source answers undefined', async () => {
    const scope = { orgId: LOCAL_ORG_ID };
    const inStore = await analyzeUsage(await openUsageAnalysis(store), { scope, catalog });
    const source = await openUsageAnalysis(store);
    const open = source.openAnalysis.bind(source);
    source.openAnalysis = async (...args) =>
      Object.assign(await open(...args), { measure: () => Promise.resolve(undefined) });
    const engine = await analyzeUsage(source, { scope, catalog });
    expect(engine.opportunities.length).toBeGreaterThan(5);
    expectSameReport(inStore, engine);
  });

  it('answers undefined when a change has no rule', async () => {
    await withAnalysis(LOCAL_ORG_ID, async (analysis, candidates) => {
      const [first, ...rest] = candidates as [Candidate, ...Candidate[]];
      const { rule: _rule, ...change } = first.change;
      const ruleless = { ...first, change };
      const pass = { measured: [ruleless, ...rest], planned: [], catalog };
      expect(await analysis.measure?.({ orgId: LOCAL_ORG_ID }, settings, pass)).toBeUndefined();
    });
  });

  it('answers undefined when a candidate covers more than one segment', async () => {
    await withAnalysis(LOCAL_ORG_ID, async (analysis, candidates) => {
      const [first] = candidates as [Candidate];
      const wide = { ...first, scope: { feature: first.scope.feature } };
      const pass = { measured: [wide], planned: [wide], catalog };
      expect(await analysis.measure?.({ orgId: LOCAL_ORG_ID }, settings, pass)).toBeUndefined();
    });
  });
});
