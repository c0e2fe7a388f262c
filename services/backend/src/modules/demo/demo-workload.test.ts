/**
 * The demo workload as generated (no store): deterministic for a seed and an end, valid canonical
 * events inside the period, every model priced by the catalog, and the traits that make it look
 * real — weekdays busier than weekends, days busier than nights, retried failures, cache reads and
 * repeated prompts.
 * @module
 */
import { createPriceCatalog } from '@netra/optimizer';
import type { UsageEventInput } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { compileEventValidator } from '#modules/ingestion/event-validator.js';
import { generateDemoWorkload } from './demo-workload.js';

const END = new Date('2026-12-03T16:00:00.000Z');
const workload = generateDemoWorkload({ end: END });
const catalog = createPriceCatalog();

const hourOf = (event: UsageEventInput) => new Date(String(event.timestamp)).getUTCHours();
const isWeekend = (event: UsageEventInput) => [0, 6].includes(new Date(String(event.timestamp)).getUTCDay());
const interactive = workload.events.filter((event) => event.feature !== 'nightly-enrichment');

describe('demo workload', () => {
  it('is deterministic for a seed and an end instant', () => {
    expect(generateDemoWorkload({ end: END, days: 2 }).events).toEqual(
      generateDemoWorkload({ end: END, days: 2 }).events,
    );
  });

  it('covers 14 days ending at `end` with valid, distinct, time-ordered events', () => {
    const validate = compileEventValidator();
    const times = workload.events.map((event) => Date.parse(String(event.timestamp)));
    process.stdout.write(
      `demo workload: ${workload.events.length} events, ${workload.features.length} features\n`,
    );
    expect(workload.days).toBe(14);
    expect(workload.events.length).toBeGreaterThan(40_000);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(workload.start.getTime());
    expect(Math.max(...times)).toBeLessThan(END.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(workload.events.map((event) => event.event_id)).size).toBe(workload.events.length);
    const refused = workload.events.filter((event, index) => !validate({ ...event }, index).ok);
    expect(refused).toEqual([]);
  });

  it('uses models of four providers, every one priced by the catalog', () => {
    const providers = new Set(workload.features.map((feature) => feature.provider));
    expect(providers.size).toBeGreaterThanOrEqual(4);
    for (const { provider, model } of workload.features) {
      const usage = {
        input_tokens: 1_000,
        output_tokens: 100,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        reasoning_tokens: 0,
      };
      expect(catalog.price({ provider, model, usage }).costUsd, `${provider}/${model}`).toBeGreaterThan(0);
    }
  });

  it('is busier on weekdays than at weekends and by day than by night', () => {
    const weekendShare = interactive.filter(isWeekend).length / interactive.length;
    const afternoon = interactive.filter((event) => hourOf(event) >= 13 && hourOf(event) < 17).length;
    const night = interactive.filter((event) => hourOf(event) >= 1 && hourOf(event) < 5).length;
    process.stdout.write(
      `weekend share ${(weekendShare * 100).toFixed(1)}%, 13–17 h ${afternoon} vs 01–05 h ${night}\n`,
    );
    expect(weekendShare).toBeLessThan((2 / 7) * 0.6);
    expect(afternoon).toBeGreaterThan(night * 4);
  });

  it('holds retried failures, cache reads and repeated prompts', () => {
    const errors = workload.events.filter((event) => event.status === 'error');
    const succeeded = new Set(
      workload.events.filter((e) => e.status === 'success').map((e) => e.prompt_hash),
    );
    const faq = workload.events.filter((event) => event.feature === 'faq-bot');
    expect(errors.length).toBeGreaterThan(100);
    expect(errors.every((event) => succeeded.has(event.prompt_hash))).toBe(true);
    expect(workload.events.filter((event) => (event.cache_read_tokens ?? 0) > 0).length).toBeGreaterThan(500);
    expect(new Set(faq.map((event) => event.prompt_hash)).size).toBeLessThan(faq.length * 0.8);
  });

  it('refuses a period outside 1–30 whole days', () => {
    for (const days of [0, 31, 1.5]) {
      expect(() => generateDemoWorkload({ days }), String(days)).toThrow(RangeError);
    }
  });
});
