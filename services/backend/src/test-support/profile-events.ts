/**
 * Hand-built usage events for the workload-profile tests: one organization's requests at known
 * offsets from a fixed instant, a segment picked out of a profile, and the per-request pass read
 * into arrays.
 * @module
 */
import type { AnalysisScope, AnalysisSettings, AnalyzedRequest, SegmentProfile } from '@netra/optimizer';
import { serviceTestEnvironment } from '@netra/test-framework/stores';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadBackendConfig } from '#config.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { openBackendClickHouse } from '#platform/stores/index.js';
import type { UsageRow } from '#modules/usage/usage-row.js';
import { UsageRepository } from '#modules/usage/usage.repository.js';
import { openUsageAnalysis, type UsageAnalysisSource } from '#modules/usage/usage-analysis-source.js';
import { usageRow } from './clickhouse-test-support.js';

/** The backend's ClickHouse as the tests' environment configures it, its usage and its analysis source. */
export interface ProfileStores {
  store: ClickHouseStore;
  usage: UsageRepository;
  source: UsageAnalysisSource;
}

/** Opens ProfileStores; the caller closes `store`. */
export async function openProfileStores(): Promise<ProfileStores> {
  const store = await openBackendClickHouse(loadBackendConfig(serviceTestEnvironment()));
  const usage = new UsageRepository(store);
  return { store, usage, source: await openUsageAnalysis(store, usage) };
}

/**
 * Opens ProfileStores before a test file's tests, hands them to `receive`, and closes them after:
 * each file keeps its own names for them.
 */
export function useProfileStores(receive: (stores: ProfileStores) => void): void {
  let opened: ProfileStores | undefined;
  beforeAll(async () => {
    opened = await openProfileStores();
    receive(opened);
  });
  afterAll(() => opened?.store.close());
}

export const PROFILE_T0 = Date.UTC(2025, 5, 2, 9, 0, 0);
export const SECOND = 1_000;
export const PROFILE_MODEL = 'claude-sonnet-4-20250514';

/** A plain event: no hashes, prompt or cache reads, not streamed, one cent; override what matters. */
export function profileEvent(
  orgId: string,
  id: string,
  atMs: number,
  overrides: Partial<UsageRow> = {},
): UsageRow {
  return usageRow({
    org_id: orgId,
    event_id: id,
    timestamp: new Date(PROFILE_T0 + atMs),
    provider: 'anthropic',
    model: PROFILE_MODEL,
    priced_provider: 'anthropic',
    priced_model: PROFILE_MODEL,
    feature: 'case',
    status: 'success',
    cost_usd: 0.01,
    cache_read_tokens: 0,
    prompt_hash: '',
    prefix_hashes: [],
    prefix_block_tokens: 512,
    prompt: '',
    stream: false,
    ...overrides,
  });
}

/** The profile's segment of `feature` on `model`; fails the test when there is none. */
export function segmentOf(
  profile: { segments: SegmentProfile[] },
  feature: string,
  model = PROFILE_MODEL,
): SegmentProfile {
  const found = profile.segments.find((entry) => entry.feature === feature && entry.model === model);
  expect(found, `segment ${feature} × ${model}`).toBeDefined();
  return found as SegmentProfile;
}

/** The per-request pass of `scope`, chunk by chunk, each request copied (valid until the next is read). */
export async function requestChunks(
  source: UsageAnalysisSource,
  scope: AnalysisScope,
  settings: AnalysisSettings,
): Promise<AnalyzedRequest[][]> {
  const chunks: AnalyzedRequest[][] = [];
  for await (const chunk of source.analyzedRequests(scope, settings)) {
    chunks.push(Array.from(chunk, (request) => ({ ...request })));
  }
  return chunks;
}
