/**
 * Pricing throughput: events per second through the price catalog's per-event path, next to
 * genai-prices' `calcPrice` on the same events in the same run. Figures only; nothing here asserts
 * a timing. `npm run bench -- pricing [events]`.
 * @module
 */
import { performance } from 'node:perf_hooks';
import { createPriceCatalog, type PricingInput } from '@netra/optimizer';
import { calcPrice, type Usage } from '@pydantic/genai-prices';

const EVENTS = Number(process.argv[2] ?? 200_000);
const REFERENCE_EVENTS = Math.min(EVENTS, 20_000);
const RUNS = 5;

// A realistic mix: dated ids, prefixes, tiers, dated prices, Bedrock, unknown models.
const MODELS: readonly [string | undefined, string][] = [
  ['openai', 'gpt-4o-2024-08-06'],
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-4.1'],
  [undefined, 'o4-mini'],
  ['anthropic', 'claude-sonnet-4-5'],
  ['anthropic', 'claude-haiku-4-5-20251001'],
  ['anthropic', 'claude-opus-4-6'],
  ['google', 'gemini-2.5-pro'],
  ['google', 'gemini-2.5-flash'],
  ['aws', 'us.anthropic.claude-3-5-sonnet-20240620-v1:0'],
  ['azure', 'gpt-4o'],
  ['mistral', 'mistral-large-latest'],
  ['deepseek', 'deepseek-chat'],
  ['x-ai', 'grok-3'],
  ['groq', 'llama-3.3-70b-versatile'],
  ['openrouter', 'anthropic/claude-3.5-sonnet'],
];

/** Deterministic pseudo-random numbers (mulberry32) so every run prices the same events. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function makeEvents(count: number): PricingInput[] {
  const next = random(42);
  const start = Date.parse('2026-05-01T00:00:00Z');
  return Array.from({ length: count }, () => {
    const [provider, model] = MODELS[Math.floor(next() * MODELS.length)] ?? ['openai', 'gpt-4o'];
    const input = Math.floor(next() * (next() < 0.05 ? 400_000 : 20_000));
    const cacheRead = Math.floor(input * next() * 0.6);
    const cacheWrite = Math.floor((input - cacheRead) * next() * 0.3);
    const output = Math.floor(next() * 2_000);
    return {
      provider,
      model,
      timestamp: new Date(start + Math.floor(next() * 30 * 86_400_000)),
      batch: next() < 0.1,
      usage: {
        input_tokens: input,
        output_tokens: output,
        cache_read_tokens: cacheRead,
        cache_write_tokens: cacheWrite,
        reasoning_tokens: Math.floor(output * next() * 0.5),
      },
    };
  });
}

function toGenaiUsage(event: PricingInput): Usage {
  const { usage } = event;
  return {
    input_tokens: usage.input_tokens,
    output_tokens: usage.output_tokens,
    cache_read_tokens: usage.cache_read_tokens,
    cache_write_tokens: usage.cache_write_tokens,
    output_reasoning_tokens: usage.reasoning_tokens,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median events per second of `runs` passes of `pass` over `count` events; returns the checksum too. */
function throughput(
  count: number,
  runs: number,
  pass: () => number,
): { perSecond: number; checksum: number } {
  let checksum = pass(); // warm-up: resolution, JIT
  const rates: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    checksum = pass();
    rates.push(count / ((performance.now() - started) / 1000));
  }
  return { perSecond: median(rates), checksum };
}

function row(label: string, value: string): void {
  process.stdout.write(`  ${label.padEnd(58)} ${value}\n`);
}

const format = (perSecond: number) => `${Math.round(perSecond).toLocaleString('en-US')} events/s`;

const events = makeEvents(EVENTS);
const coldStart = performance.now();
const catalog = createPriceCatalog();
const firstUsage = {
  input_tokens: 1,
  output_tokens: 1,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
};
for (const [provider, model] of MODELS) {
  catalog.price({ provider, model, usage: firstUsage });
}
const coldMs = performance.now() - coldStart;

const ours = throughput(EVENTS, RUNS, () => {
  let sum = 0;
  for (const event of events) {
    sum += catalog.price(event).costUsd ?? 0;
  }
  return sum;
});
const breakdowns = throughput(EVENTS, RUNS, () => {
  let sum = 0;
  for (const event of events) {
    sum += catalog.breakdown(event).costUsd ?? 0;
  }
  return sum;
});

const reference = events.slice(0, REFERENCE_EVENTS).filter((event) => event.batch !== true);
const genaiUsages = reference.map(toGenaiUsage);
const theirs = throughput(reference.length, 3, () => {
  let sum = 0;
  reference.forEach((event, index) => {
    const options = { providerId: event.provider, timestamp: event.timestamp };
    sum += calcPrice(genaiUsages[index] ?? {}, event.model, options)?.total_price ?? 0;
  });
  return sum;
});
const sameEvents = reference.reduce((sum, event) => sum + (catalog.price(event).costUsd ?? 0), 0);

process.stdout.write(
  `pricing throughput (${EVENTS.toLocaleString('en-US')} events, ${MODELS.length} models, median of ${RUNS} runs, one core)\n`,
);
row('catalog.price (per-event hot path)', format(ours.perSecond));
row('catalog.breakdown (cost split by token kind)', format(breakdowns.perSecond));
row(
  `genai-prices calcPrice (${reference.length.toLocaleString('en-US')} non-batch events)`,
  format(theirs.perSecond),
);
row('speed-up of catalog.price over calcPrice', `${(ours.perSecond / theirs.perSecond).toFixed(0)}x`);
row(`resolving ${MODELS.length} distinct models (cold, incl. catalog creation)`, `${coldMs.toFixed(1)} ms`);
row(
  'same-events total: ours vs calcPrice (USD)',
  `${sameEvents.toFixed(6)} vs ${theirs.checksum.toFixed(6)}`,
);
