/**
 * Two rules of the workload profile against a real (embedded or server) ClickHouse, read through the
 * usage module's analysis source: a prefix block that occurs once ends its request's cached run
 * where it stands (the flags query windows only repeated blocks), and a segment's pricing is the
 * newest priced row's.
 * @module
 */
import { DEFAULT_SETTINGS, profileWorkload } from '@netra/optimizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTestOrgId } from '#test-support/clickhouse-test-support.js';
import type { UsageRepository } from '#modules/usage/usage.repository.js';
import type { UsageAnalysisSource } from '#modules/usage/usage-analysis-source.js';
import {
  profileEvent as event,
  requestChunks,
  SECOND,
  segmentOf as segment,
  useProfileStores,
} from '#test-support/profile-events.js';

let usage: UsageRepository;
let source: UsageAnalysisSource;
useProfileStores((opened) => ({ usage, source } = opened));

describe('prompt caching: a block that occurs once ends the cached run where it stands', () => {
  const orgId = newTestOrgId();
  const prefixed = (id: string, at: number, hashes: string[], input: number) =>
    event(orgId, id, at * SECOND, { prefix_hashes: hashes, input_tokens: input });

  beforeAll(async () => {
    await usage.insertRows([
      // a and c are reused by q2: written (1,024); b never recurs.
      prefixed('q1', 0, ['a', 'b', 'c'], 1_536),
      // a seen; z occurs nowhere else, so the run stops at the second block although c is seen.
      prefixed('q2', 100, ['a', 'z', 'c'], 1_536),
      // A first block seen nowhere else: nothing is cacheable, though a and c are warm.
      prefixed('q3', 200, ['y', 'a', 'c'], 1_536),
      prefixed('q4', 300, ['a', 'c'], 1_024),
    ]);
  });

  it('gives each request the leading run of its seen blocks', async () => {
    const [chunk = []] = await requestChunks(source, { orgId }, DEFAULT_SETTINGS);
    const perRequest = chunk.map((request) => [
      request.cacheable_prefix_tokens,
      request.cache_write_prefix_tokens,
    ]);
    expect(perRequest).toEqual([
      [0, 1_024],
      [512, 0],
      [0, 0],
      [1_024, 0],
    ]);
  });
});

describe("a segment's pricing", () => {
  const orgId = newTestOrgId();
  const unpriced = { priced_provider: '', priced_model: '', cost_usd: null };

  beforeAll(async () => {
    await usage.insertRows([
      event(orgId, 'old', 0, { priced_model: 'claude-sonnet-4-20250514-old' }),
      event(orgId, 'new', 10 * SECOND, { priced_model: 'claude-sonnet-4-20250514-new' }),
      // Newer still but unpriced: the segment keeps the newest priced row's pricing.
      event(orgId, 'late', 20 * SECOND, unpriced),
      event(orgId, 'u1', 0, { ...unpriced, feature: 'unpriced', priced_provider: 'earlier' }),
      event(orgId, 'u2', 5 * SECOND, { ...unpriced, feature: 'unpriced', priced_provider: 'latest' }),
    ]);
  });

  it("is the newest priced row's, or with none priced, the newest row's", async () => {
    const profile = await profileWorkload(source, { orgId }, DEFAULT_SETTINGS);
    expect(segment(profile, 'case')).toMatchObject({
      priced_provider: 'anthropic',
      priced_model: 'claude-sonnet-4-20250514-new',
    });
    expect(segment(profile, 'unpriced')).toMatchObject({ priced_provider: 'latest', priced_model: '' });
  });
});
