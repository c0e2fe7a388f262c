/**
 * A seeded 14-day workload for the analytics tests and its independent recomputation: every figure
 * of the spend chart and the summary computed here from the generated events in TypeScript, with
 * list prices written out by hand (never the catalog or the engine), so a test compares ClickHouse's
 * aggregates with arithmetic done apart from them.
 * @module
 */
import type { SpendFigures } from '@netra/shared/contracts';
import { mulberry32 } from '#modules/demo/prng.js';

/** An event as sent to `POST /api/v1/ingest/events`. */
export interface WorkloadEvent {
  event_id: string;
  timestamp: string;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  status: 'success' | 'error';
  cost_usd?: number;
  feature?: string;
  user_id?: string;
  environment?: string;
  tags?: string[];
  metadata?: Record<string, string>;
}

/** List prices in USD per million tokens (OpenAI's published prices; cache writes cost the input price). */
const PRICES: Record<string, { input: number; cacheRead: number; output: number }> = {
  'gpt-4o': { input: 2.5, cacheRead: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cacheRead: 0.075, output: 0.6 },
  'o3-mini': { input: 1.1, cacheRead: 0.55, output: 4.4 },
};
/** Unknown to the catalog and sent without a cost: unpriced. */
export const UNPRICED_MODEL = 'acme-private-1';
/** Unknown to the catalog, sent with the cost its source billed: priced at that cost. */
export const REPORTED_MODEL = 'acme-reported-2';

export const WORKLOAD_START = Date.UTC(2025, 2, 3); // a Monday
export const WORKLOAD_DAYS = 14;
const DAY_MS = 86_400_000;

const MODELS = [
  'gpt-4o',
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4o-mini',
  'gpt-4o-mini',
  'o3-mini',
  UNPRICED_MODEL,
  REPORTED_MODEL,
];
const FEATURES = ['search', 'support', 'summaries', undefined];
const USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', undefined];
const ENVIRONMENTS = ['production', 'production', 'staging', undefined];
const TAG_SETS = [[], ['team:search'], ['team:support', 'beta'], ['beta'], ['team:billing', 'team:search']];
const METADATA = [undefined, { region: 'eu' }, { region: 'us', tier: 'gold' }, { tier: 'free' }];

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)] as T;
}

function optional(name: string, value: unknown): object {
  return value === undefined ? {} : { [name]: value };
}

function generateEvent(next: () => number, index: number, day: number): WorkloadEvent {
  const model = pick(next, MODELS);
  const input = 100 + Math.floor(next() * 6_000);
  const output = 10 + Math.floor(next() * 1_200);
  const cacheRead = next() < 0.4 ? Math.floor(next() * input * 0.6) : 0;
  return {
    event_id: `an-${index}`,
    timestamp: new Date(WORKLOAD_START + day * DAY_MS + Math.floor(next() * DAY_MS)).toISOString(),
    provider: model.startsWith('acme') ? 'acme' : 'openai',
    model,
    input_tokens: input,
    output_tokens: output,
    cache_read_tokens: cacheRead,
    cache_write_tokens: next() < 0.2 ? Math.floor(next() * (input - cacheRead)) : 0,
    reasoning_tokens: model === 'o3-mini' ? Math.floor(next() * output) : 0,
    status: next() < 0.08 ? 'error' : 'success',
    ...(model === REPORTED_MODEL ? { cost_usd: Math.round(next() * 1e6) / 1e8 } : {}),
    ...optional('feature', pick(next, FEATURES)),
    ...optional('user_id', pick(next, USERS)),
    ...optional('environment', pick(next, ENVIRONMENTS)),
    ...optional('tags', pick(next, TAG_SETS)),
    ...optional('metadata', pick(next, METADATA)),
  };
}

/** `perDay` events a day for 14 days from WORKLOAD_START, growing in the second week. */
export function generateWorkload(perDay = 220, seed = 11): WorkloadEvent[] {
  const next = mulberry32(seed); // the same events on every run
  const events: WorkloadEvent[] = [];
  for (let day = 0; day < WORKLOAD_DAYS; day += 1) {
    const count = day < 7 ? perDay : Math.round(perDay * 1.3);
    for (let index = 0; index < count; index += 1) {
      events.push(generateEvent(next, events.length, day));
    }
  }
  return events;
}

/** The cost Netra stores for an event: list prices, the stated cost where unknown, else none. */
export function expectedCost(event: WorkloadEvent): number | null {
  const price = PRICES[event.model];
  if (price === undefined) {
    return event.cost_usd ?? null;
  }
  const uncached = event.input_tokens - event.cache_read_tokens;
  return (
    (uncached * price.input +
      event.cache_read_tokens * price.cacheRead +
      event.output_tokens * price.output) /
    1e6
  );
}

export function emptyFigures(): SpendFigures {
  return {
    spend_usd: 0,
    requests: 0,
    unpriced_requests: 0,
    error_requests: 0,
    error_spend_usd: 0,
    input_tokens: 0,
    output_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
  };
}

/** Adds one event to a running total. */
export function addEvent(total: SpendFigures, event: WorkloadEvent): void {
  const cost = expectedCost(event);
  total.spend_usd += cost ?? 0;
  total.requests += 1;
  total.unpriced_requests += cost === null ? 1 : 0;
  total.error_requests += event.status === 'error' ? 1 : 0;
  total.error_spend_usd += event.status === 'error' ? (cost ?? 0) : 0;
  total.input_tokens += event.input_tokens;
  total.output_tokens += event.output_tokens;
  total.cache_read_tokens += event.cache_read_tokens;
  total.cache_write_tokens += event.cache_write_tokens;
  total.reasoning_tokens += event.reasoning_tokens;
}

/** Sums of events. */
export function figuresOf(events: readonly WorkloadEvent[]): SpendFigures {
  const total = emptyFigures();
  events.forEach((event) => {
    addEvent(total, event);
  });
  return total;
}
