import {
  arbitrageAlternative,
  createPriceCatalog,
  rightsizingCandidate,
  DEFAULT_SETTINGS,
} from '@netra/optimizer';
import { parseUsageEvent, type UsageEventInput } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { BATCH_HOURS, REPEAT_SHARE } from './caching-recipes.js';
import type { PlantedFeature } from './planted-types.js';
import { generatePlantedWorkload } from './planted-workload.js';
import { ERROR_SHARE, RUNAWAY_SHARE } from './shape-recipes.js';
import {
  cacheablePrefixTokens,
  exactInclusiveQuantile,
  responseRepeats,
  totalUsage,
  truthRequests,
  type TruthRequest,
} from './truth-requests.js';

const catalog = createPriceCatalog();
const EVENTS = 22_000;
const workload = generatePlantedWorkload({ events: EVENTS, catalog });
const requestsOf = (feature: string): TruthRequest[] =>
  truthRequests(
    catalog,
    workload.events.filter((event) => event.feature === feature),
  );
const plantedFeature = (kind: string): PlantedFeature =>
  workload.features.find((feature) => feature.kind === kind)!;
const others = (kind: string) => workload.features.filter((feature) => feature.kind !== kind);
const hourOf = (request: TruthRequest) => new Date(request.time).getUTCHours();
const quantile = (requests: TruthRequest[], pick: (r: TruthRequest) => number, q: number) =>
  exactInclusiveQuantile(requests.map(pick), q);

describe('generatePlantedWorkload', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const again = generatePlantedWorkload({ events: EVENTS, catalog });
    expect(again.events).toEqual(workload.events);
    expect(again.truths).toEqual(workload.truths);
    const other = generatePlantedWorkload({ events: EVENTS, catalog, seed: 7 });
    expect(other.events).not.toEqual(workload.events);
  });

  it('emits the requested number of valid, time-ordered canonical events with distinct ids', () => {
    expect(workload.events).toHaveLength(EVENTS);
    expect(workload.features.reduce((sum, feature) => sum + feature.requests, 0)).toBe(EVENTS);
    const parsed = workload.events.map((event, index) => parseUsageEvent({ ...event }, index));
    expect(parsed.filter((result) => !result.ok)).toEqual([]);
    expect(new Set(workload.events.map((event) => event.event_id)).size).toBe(EVENTS);
    const times = workload.events.map((event) => new Date(event.timestamp).getTime());
    expect(times.every((time, index) => index === 0 || time >= (times[index - 1] ?? 0))).toBe(true);
  });

  it('plants one feature per kind plus at least two clean features', () => {
    const kinds = workload.features.map((feature) => feature.kind).filter((kind) => kind !== null);
    expect(new Set(kinds).size).toBe(9);
    expect(kinds).toHaveLength(9);
    expect(workload.features.filter((feature) => feature.kind === null).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses sizes too small to plant every kind', () => {
    expect(() => generatePlantedWorkload({ events: 500, catalog })).toThrow(RangeError);
  });
});

describe('planted traits', () => {
  it('batch: only the batch feature is non-streamed, and it runs in its UTC hours every day', () => {
    const batch = requestsOf(plantedFeature('batch_api').feature);
    expect(batch.every((request) => !request.stream && BATCH_HOURS.includes(hourOf(request)))).toBe(true);
    const days = new Set(batch.map((request) => Math.floor(request.time / 86_400_000)));
    expect(days.size).toBe(workload.days);
    for (const feature of others('batch_api')) {
      const requests = requestsOf(feature.feature);
      expect(
        requests.every((request) => request.stream),
        feature.feature,
      ).toBe(true);
      expect(new Set(requests.map(hourOf)).size, feature.feature).toBe(24);
    }
  });

  it('response caching: about the planted share repeats within the TTL; nothing else repeats', () => {
    const ttl = DEFAULT_SETTINGS.responseCacheTtlMs;
    const repeats = responseRepeats(requestsOf(plantedFeature('response_caching').feature), ttl);
    const share = repeats.filter(Boolean).length / repeats.length;
    expect(share).toBeGreaterThan(REPEAT_SHARE - 0.05);
    expect(share).toBeLessThan(REPEAT_SHARE + 0.05);
    for (const feature of others('response_caching')) {
      expect(responseRepeats(requestsOf(feature.feature), ttl).some(Boolean), feature.feature).toBe(false);
    }
  });

  it('prompt caching: most requests find ≥ 1,024 prefix tokens in the cache; nothing else does', () => {
    const { promptCacheTtlMs, minCacheableTokens } = DEFAULT_SETTINGS;
    const cacheable = cacheablePrefixTokens(
      requestsOf(plantedFeature('prompt_caching').feature),
      promptCacheTtlMs,
    );
    const hits = cacheable.filter((tokens) => tokens >= minCacheableTokens).length;
    expect(hits / cacheable.length).toBeGreaterThan(0.8);
    for (const feature of others('prompt_caching')) {
      const tokens = cacheablePrefixTokens(requestsOf(feature.feature), promptCacheTtlMs);
      expect(Math.max(...tokens), feature.feature).toBe(0);
    }
  });

  it('errors: only the error feature fails, at about the planted share, billed', () => {
    const requests = requestsOf(plantedFeature('error_waste').feature);
    const errors = requests.filter((request) => request.status === 'error');
    expect(errors.length / requests.length).toBeGreaterThan(ERROR_SHARE - 0.02);
    expect(errors.every((request) => request.cost > 0)).toBe(true);
    const elsewhere = others('error_waste').flatMap((feature) => requestsOf(feature.feature));
    expect(elsewhere.some((request) => request.status === 'error')).toBe(false);
  });

  it('output length: only that feature leaves max_tokens unset and has a run-away tail', () => {
    const plantedName = plantedFeature('output_length').feature;
    const byFeature = (feature: string) => workload.events.filter((event) => event.feature === feature);
    expect(byFeature(plantedName).every((event) => event.max_tokens === undefined)).toBe(true);
    const planted = requestsOf(plantedName);
    const output = (request: TruthRequest) => request.usage.output_tokens;
    expect(quantile(planted, output, 0.99)).toBeGreaterThanOrEqual(3 * quantile(planted, output, 0.9));
    expect(planted.filter((request) => output(request) > 4_000).length / planted.length).toBeCloseTo(
      RUNAWAY_SHARE,
      1,
    );
    for (const feature of others('output_length')) {
      const events: UsageEventInput[] = byFeature(feature.feature);
      expect(
        events.every((event) => event.max_tokens !== undefined),
        feature.feature,
      ).toBe(true);
      const requests = requestsOf(feature.feature);
      expect(Math.max(...requests.map(output)), feature.feature).toBeLessThan(
        4 * quantile(requests, output, 0.9),
      );
    }
  });

  it('context: only the conversation feature has input p50 ≥ 1,000 and p90 ≥ 3 × p50', () => {
    const input = (request: TruthRequest) => request.usage.input_tokens;
    const planted = requestsOf(plantedFeature('context_trimming').feature);
    expect(quantile(planted, input, 0.5)).toBeGreaterThanOrEqual(1_000);
    expect(quantile(planted, input, 0.9)).toBeGreaterThanOrEqual(3 * quantile(planted, input, 0.5));
    for (const feature of others('context_trimming')) {
      const requests = requestsOf(feature.feature);
      expect(quantile(requests, input, 0.9), feature.feature).toBeLessThan(
        2 * quantile(requests, input, 0.5),
      );
    }
  });

  it('reasoning: only the reasoning feature reasons, ≥ 50% of its output, short visible answers', () => {
    const planted = requestsOf(plantedFeature('reasoning_effort').feature);
    const usage = totalUsage(planted);
    expect(usage.reasoning_tokens / usage.output_tokens).toBeGreaterThanOrEqual(0.5);
    expect((usage.output_tokens - usage.reasoning_tokens) / planted.length).toBeLessThanOrEqual(300);
    for (const feature of others('reasoning_effort')) {
      expect(totalUsage(requestsOf(feature.feature)).reasoning_tokens, feature.feature).toBe(0);
    }
  });

  it('model choice: only the rightsizing feature has short outputs on a laddered model', () => {
    const planted = requestsOf(plantedFeature('model_rightsizing').feature);
    const first = planted[0]!;
    expect(rightsizingCandidate(catalog, first.pricedProvider, first.pricedModel)).not.toBeNull();
    expect(quantile(planted, (request) => request.usage.output_tokens, 0.9)).toBeLessThanOrEqual(200);
    for (const feature of others('model_rightsizing')) {
      const requests = requestsOf(feature.feature);
      const outputP90 = quantile(requests, (request) => request.usage.output_tokens, 0.9);
      const candidate = rightsizingCandidate(catalog, requests[0]!.pricedProvider, requests[0]!.pricedModel);
      expect(candidate === null || outputP90 > 200, feature.feature).toBe(true);
    }
  });

  it('hosts: only the arbitrage feature has a cheaper provider for its model', () => {
    for (const feature of workload.features) {
      const requests = requestsOf(feature.feature);
      const first = requests[0]!;
      const host = arbitrageAlternative(
        catalog,
        first.pricedProvider,
        first.pricedModel,
        totalUsage(requests),
      );
      expect(host !== null, feature.feature).toBe(feature.kind === 'provider_arbitrage');
    }
  });
});

describe('ground truth', () => {
  it('has a material saving for every planted kind, and the plan is their sum', () => {
    expect(workload.truths).toHaveLength(9);
    for (const truth of workload.truths) {
      expect(truth.periodSavingsUsd, truth.kind).toBeGreaterThan(0.01 * truth.periodCostUsd);
      expect(truth.periodSavingsUsd, truth.kind).toBeLessThanOrEqual(truth.periodCostUsd);
    }
    const sum = workload.truths.reduce((total, truth) => total + truth.periodSavingsUsd, 0);
    expect(workload.planPeriodSavingsUsd).toBeCloseTo(sum, 9);
  });

  it('prices the whole repeat cost for response caching and the whole batch discount for batch', () => {
    const repeats = workload.truths.find((truth) => truth.kind === 'response_caching')!;
    expect(repeats.affectedRequests).toBe(repeats.detail.repeats);
    const batch = workload.truths.find((truth) => truth.kind === 'batch_api')!;
    expect(batch.periodSavingsUsd).toBeCloseTo(batch.periodCostUsd * 0.5, 6);
  });
});
