/**
 * The prefix-reuse rule of ARCHITECTURE §4.2 on a real trace: the Mooncake conversation trace
 * (12,031 Kimi requests with 512-token prefix-block hashes) imported through the real file-import
 * endpoint, then profiled in ClickHouse. The dataset README measured the share of input tokens
 * covered by leading blocks already seen: 29.3 % with a 5-minute TTL refreshed on use, 37.4 % with
 * an unbounded cache. The profile must reproduce both within one percentage point.
 * @module
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  analyzeUsage,
  createPriceCatalog,
  DEFAULT_SETTINGS,
  profileWorkload,
  type SegmentProfile,
  type UsageSource,
} from '@netra/optimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

const MOONCAKE = fileURLToPath(
  new URL('../../../../../../datasets/mooncake/conversation_trace.jsonl', import.meta.url),
);
const MODEL = 'claude-sonnet-4-20250514';
const QUERY =
  'format=canonical&map=input_length=input_tokens,output_length=output_tokens,hash_ids=prefix_hashes' +
  `&model=${MODEL}&timestamp_base=2025-02-21T00:00:00.000Z`;
/** One percentage point. */
const TOLERANCE = 0.01;

let backend: BackendTestApp;
let source: UsageSource;
let orgId: string;

beforeAll(async () => {
  backend = await startBackendTestApp();
  source = backend.backend.usageAnalysis;
  const organization = await newTestOrganization(backend, 'mooncake-caching');
  orgId = organization.orgId;
  const response = await backend.app.inject({
    method: 'POST',
    url: `/api/v1/ingest/files?${QUERY}`,
    headers: { authorization: `Bearer ${organization.key}`, 'content-type': 'application/octet-stream' },
    payload: createReadStream(MOONCAKE),
  });
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
  expect(response.body.trim().split('\n').at(-1)).toContain('"stored":12031');
});

afterAll(async () => {
  await backend.close();
});

async function onlySegment(promptCacheTtlMs: number): Promise<SegmentProfile> {
  const profile = await profileWorkload(source, { orgId }, { ...DEFAULT_SETTINGS, promptCacheTtlMs });
  expect(profile.segments).toHaveLength(1);
  const [segment] = profile.segments;
  expect(segment).toMatchObject({ requests: 12_031, input_tokens: 144_793_823, with_prefix_hashes_share: 1 });
  return segment as SegmentProfile;
}

describe('Mooncake conversation trace: prefix-cache reuse', () => {
  it('covers 29.3 % ± 1 pp of input tokens with the 5-minute TTL refreshed on use', async () => {
    const segment = await onlySegment(DEFAULT_SETTINGS.promptCacheTtlMs);
    const share = segment.cacheable_tokens / segment.input_tokens;
    expect(Math.abs(share - 0.293), `cacheable share ${share}, README 29.3 %`).toBeLessThanOrEqual(TOLERANCE);
  });

  it('keeps 26.4 % ± 1 pp after the 1,024-token minimum (no cache reads were billed)', async () => {
    const segment = await onlySegment(DEFAULT_SETTINGS.promptCacheTtlMs);
    const share = segment.cacheable_tokens_min_rule / segment.input_tokens;
    expect(share, 'the rule only removes tokens').toBeLessThanOrEqual(
      segment.cacheable_tokens / segment.input_tokens,
    );
    expect(Math.abs(share - 0.264), `share after the 1,024-token rule ${share}`).toBeLessThanOrEqual(
      TOLERANCE,
    );
  });

  it('covers 37.4 % ± 1 pp with a TTL longer than the trace (2 h), as an unbounded cache would', async () => {
    const segment = await onlySegment(2 * 3_600_000);
    const share = segment.cacheable_tokens / segment.input_tokens;
    expect(Math.abs(share - 0.374), `cacheable share ${share}, README 37.4 %`).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('Mooncake conversation trace: the proven part of the plan', () => {
  it('leaves the low-confidence context-trimming assumption out of the proven figure', async () => {
    const report = await analyzeUsage(source, { scope: { orgId }, catalog: createPriceCatalog() });
    const kindOf = new Map(report.opportunities.map((item) => [item.id, item.kind]));
    const provenKinds = report.plan.proven.opportunity_ids.map((id) => kindOf.get(id));
    const figures = `plan ${report.plan.savings_pct}%, proven ${report.plan.proven.savings_pct}%`;
    expect(provenKinds, figures).toContain('prompt_caching');
    expect(provenKinds, figures).not.toContain('context_trimming');
    expect([...kindOf.values()], figures).toContain('context_trimming');
    expect(report.plan.proven.savings_pct, figures).toBeGreaterThan(0);
    expect(report.plan.proven.savings_pct, figures).toBeLessThan(report.plan.savings_pct);
    expect(report.plan.opportunity_ids).toEqual(expect.arrayContaining(report.plan.proven.opportunity_ids));
  });
});
