/**
 * The measuring query's pricing against the engine's, where a bill's card depends on the request:
 * a model with a daily discount window (deepseek-chat's off-peak hours) and one with an input-token
 * band (gemini-2.5-pro above 200K), each measured under changes that move the bill across those
 * lines (a trim below the band, a reroute into the daily window, batch prices, a cap).
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPriceCatalog,
  DEFAULT_SETTINGS,
  measure,
  type AnalyzedRequest,
  type Candidate,
  type Change,
  type ChangeRule,
  type RequestBill,
  type SegmentKey,
} from '@netra/optimizer';
import { tempDataDir } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFileIntoStore, LOCAL_ORG_ID } from '#cli/analyze-import.js';
import { parseAnalyzeArgs } from '#cli/analyze-args.js';
import { openClickHouse, type ClickHouseStore } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { openUsageAnalysis } from '#modules/usage/usage-analysis-source.js';
import { testCandidate } from '#test-support/test-candidates.js';

const catalog = createPriceCatalog();
const settings = DEFAULT_SETTINGS;
const scope = { orgId: LOCAL_ORG_ID };
const START = Date.parse('2025-05-05T00:00:00Z');
const OFF_PEAK = { feature: 'offpeak', provider: 'deepseek', model: 'deepseek-chat' };
const LONG = { feature: 'long', provider: 'google', model: 'gemini-2.5-pro' };
let store: ClickHouseStore;
let dir: string;

function line(index: number, segment: SegmentKey, input: number): string {
  return JSON.stringify({
    event_id: `p-${index}`,
    provider: segment.provider,
    model: segment.model,
    feature: segment.feature,
    status: 'success',
    timestamp: START + index * 419_000,
    input_tokens: input,
    output_tokens: 100 + ((index * 37) % 1900),
    stream: false,
  });
}

beforeAll(async () => {
  store = await openClickHouse({ url: undefined, dataDir: tempDataDir('measure-prices'), database: 'netra' });
  await migrateClickHouse(store);
  dir = mkdtempSync(join(tmpdir(), 'measure-prices-'));
  const file = join(dir, 'usage.jsonl');
  const lines = Array.from({ length: 800 }, (_, index) =>
    index % 2 === 0
      ? line(index, OFF_PEAK, 5_000 + ((index * 7_919) % 35_000))
      : line(index, LONG, 100_000 + ((index * 7_919) % 200_000)),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  const args = parseAnalyzeArgs([file]);
  if (args.help) {
    throw new Error('unexpected --help');
  }
  await importFileIntoStore(store, catalog, file, args, () => undefined);
}, 120_000);

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

type Touches = (request: AnalyzedRequest) => boolean;

/** The JavaScript side of a rule, for requests without cached tokens. */
function changeOf(segment: SegmentKey, rule: ChangeRule, touches: Touches = () => true): Change {
  const kind = KIND_OF[rule.type];
  const applies = (request: AnalyzedRequest) =>
    request.feature === segment.feature &&
    request.provider === segment.provider &&
    request.model === segment.model &&
    touches(request);
  return { kind, rule, applies, apply: (bill) => rewrite(bill, rule) };
}

/** The kind each rule stands for here. */
const KIND_OF: Record<ChangeRule['type'], Candidate['kind']> = {
  trim_input: 'context_trimming',
  cap_output: 'output_length',
  batch: 'batch_api',
  reroute: 'provider_arbitrage',
  eliminate: 'error_waste',
  reduce_reasoning: 'reasoning_effort',
  cache_prefix: 'prompt_caching',
};

function rewrite(bill: RequestBill, rule: ChangeRule): RequestBill {
  const usage = bill.usage;
  switch (rule.type) {
    case 'trim_input':
      return { ...bill, usage: { ...usage, input_tokens: Math.min(usage.input_tokens, rule.budget) } };
    case 'cap_output':
      return { ...bill, usage: { ...usage, output_tokens: Math.min(usage.output_tokens, rule.cap) } };
    case 'batch':
      return { ...bill, batch: true };
    case 'reroute':
      return { ...bill, provider: rule.provider ?? bill.provider, model: rule.model };
    case 'eliminate':
    case 'reduce_reasoning':
    case 'cache_prefix':
      throw new Error(`not used here: ${rule.type}`);
  }
}

function candidate(segment: SegmentKey, change: Change, kind = change.kind): Candidate {
  return testCandidate(
    segment,
    { ...change, kind },
    { confidence: kind === 'batch_api' ? 'high' : 'medium' },
  );
}

function candidates(): Candidate[] {
  const trim: ChangeRule = { type: 'trim_input', budget: 180_000 };
  const cap: ChangeRule = { type: 'cap_output', cap: 700 };
  return [
    candidate(
      LONG,
      changeOf(LONG, trim, (request) => request.input_tokens > 180_000),
    ),
    candidate(LONG, changeOf(LONG, { type: 'reroute', provider: 'deepseek', model: 'deepseek-chat' })),
    candidate(LONG, changeOf(LONG, { type: 'reroute', model: 'gemini-2.5-flash' }), 'model_rightsizing'),
    candidate(LONG, changeOf(LONG, { type: 'batch' })),
    candidate(
      OFF_PEAK,
      changeOf(OFF_PEAK, cap, (request) => request.output_tokens > 700),
    ),
    candidate(OFF_PEAK, changeOf(OFF_PEAK, { type: 'batch' })),
  ];
}

function expectClose(actual: number | undefined, expected: number, what: string): void {
  expect(
    Math.abs((actual ?? NaN) - expected) / Math.max(Math.abs(expected), 1e-12),
    what,
  ).toBeLessThanOrEqual(1e-9);
}

describe('measuring in ClickHouse prices as the engine where the card depends on the request', () => {
  it('gives the same savings across daily windows, input bands and batch prices', async () => {
    const source = await openUsageAnalysis(store);
    const analysis = await source.openAnalysis(scope, settings);
    try {
      const all = candidates();
      const inStore = await analysis.measure?.(scope, settings, { catalog, measured: all, planned: all });
      const engine = await measure(analysis.analyzedRequests(scope, settings), catalog, all);
      expect(engine.baseline).toBeGreaterThan(0);
      expect(inStore).toBeDefined();
      expectClose(inStore?.baseline, engine.baseline, 'baseline');
      expectClose(inStore?.plan, engine.plan, 'plan');
      expectClose(inStore?.proven, engine.proven, 'proven');
      const saving = [...engine.individual.values()].filter((amount) => amount > 0);
      expect(saving.length).toBeGreaterThanOrEqual(4);
      for (const [id, saving] of engine.individual) {
        expectClose(inStore?.individual.get(id), saving, id);
      }
    } finally {
      await analysis.close();
    }
  });
});
