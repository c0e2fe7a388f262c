/**
 * The analyze benchmark's input: a realistic canonical NDJSON usage file, generated deterministically
 * (seeded). Six features on five models over two weeks: an interactive chat with a shared system
 * prompt (prefix hash chains) and repeated questions, a nightly summarizer (clustered hours, not
 * streamed), a short-output classifier, a reasoning code assistant, a long-context extractor and an
 * open-weights model, with billed errors and mixed streaming.
 * @module
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mulberry32 } from '#modules/demo/prng.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const PERIOD_DAYS = 14;
const START = Date.parse('2025-03-03T00:00:00Z');
const LINES_PER_WRITE = 2_000;

type Random = () => number;

interface Feature {
  name: string;
  provider: string;
  model: string;
  weight: number;
  event(random: Random, index: number): Record<string, unknown>;
}

const between = (random: Random, low: number, high: number) => Math.floor(low + random() * (high - low));

/** A hash chain of `blocks` blocks whose first `shared` blocks are common to the feature. */
function prefixChain(feature: string, random: Random, blocks: number, shared: number): string[] {
  const own = Math.floor(random() * 1e9).toString(36);
  return Array.from({ length: blocks }, (_, block) =>
    block < shared ? `${feature}-p${block}` : `${feature}-${own}-${block}`,
  );
}

function anyHour(random: Random): number {
  return START + Math.floor(random() * PERIOD_DAYS) * DAY_MS + Math.floor(random() * DAY_MS);
}

function nightly(random: Random): number {
  return (
    START + Math.floor(random() * PERIOD_DAYS) * DAY_MS + 2 * HOUR_MS + Math.floor(random() * 3 * HOUR_MS)
  );
}

const FEATURES: readonly Feature[] = [
  {
    name: 'support-chat',
    provider: 'openai',
    model: 'gpt-4o',
    weight: 0.35,
    event: (random) => {
      const repeat = random() < 0.15;
      const blocks = between(random, 3, 7);
      return {
        timestamp: anyHour(random),
        input_tokens: blocks * 512 + between(random, 0, 400),
        output_tokens: between(random, 80, 700),
        stream: random() < 0.9,
        max_tokens: 1_024,
        prompt_hash: repeat
          ? `faq-${between(random, 0, 200)}`
          : `chat-${Math.floor(random() * 1e12).toString(36)}`,
        prefix_hashes: prefixChain('support', random, blocks, 2),
        prefix_block_tokens: 512,
        session_id: `s-${between(random, 0, 40_000)}`,
      };
    },
  },
  {
    name: 'nightly-summaries',
    provider: 'anthropic',
    model: 'claude-sonnet-4-20250514',
    weight: 0.15,
    event: (random) => ({
      timestamp: nightly(random),
      input_tokens: between(random, 3_000, 12_000),
      output_tokens: between(random, 300, 900),
      stream: false,
      max_tokens: 1_200,
      prompt_hash: `sum-${Math.floor(random() * 1e12).toString(36)}`,
      tags: random() < 0.6 ? ['offline'] : [],
    }),
  },
  {
    name: 'ticket-classifier',
    provider: 'openai',
    model: 'gpt-4o',
    weight: 0.2,
    event: (random) => ({
      timestamp: anyHour(random),
      input_tokens: between(random, 400, 1_500),
      output_tokens: between(random, 2, 40),
      stream: false,
      max_tokens: 50,
      prompt_hash: `cls-${Math.floor(random() * 1e12).toString(36)}`,
    }),
  },
  {
    name: 'code-assist',
    provider: 'openai',
    model: 'o4-mini',
    weight: 0.12,
    event: (random) => {
      const visible = between(random, 50, 250);
      const reasoning = between(random, 400, 3_000);
      return {
        timestamp: anyHour(random),
        input_tokens: between(random, 1_000, 5_000),
        output_tokens: visible + reasoning,
        reasoning_tokens: reasoning,
        stream: true,
        prompt_hash: `code-${Math.floor(random() * 1e12).toString(36)}`,
      };
    },
  },
  {
    name: 'contract-extractor',
    provider: 'google',
    model: 'gemini-2.5-pro',
    weight: 0.1,
    event: (random) => ({
      timestamp: anyHour(random),
      input_tokens: random() < 0.15 ? between(random, 40_000, 120_000) : between(random, 4_000, 9_000),
      output_tokens: random() < 0.02 ? between(random, 3_000, 8_000) : between(random, 200, 600),
      stream: random() < 0.5,
      prompt_hash: `doc-${Math.floor(random() * 1e12).toString(36)}`,
    }),
  },
  {
    name: 'internal-search',
    provider: 'together',
    model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    weight: 0.08,
    event: (random) => ({
      timestamp: anyHour(random),
      input_tokens: between(random, 500, 3_000),
      output_tokens: between(random, 100, 400),
      stream: true,
      max_tokens: 512,
      prompt_hash: `srch-${Math.floor(random() * 1e12).toString(36)}`,
    }),
  },
];

function pickFeature(random: Random): Feature {
  let roll = random();
  for (const feature of FEATURES) {
    roll -= feature.weight;
    if (roll < 0) {
      return feature;
    }
  }
  return FEATURES[0] as Feature;
}

/** One canonical event (ARCHITECTURE §4.1) as a JSON line. */
export function workloadEvent(random: Random, index: number): string {
  const feature = pickFeature(random);
  const failed = random() < 0.02;
  const event = {
    event_id: `bench-${index}`,
    provider: feature.provider,
    model: feature.model,
    feature: feature.name,
    latency_ms: between(random, 300, 9_000),
    status: failed ? 'error' : 'success',
    ...(failed ? { error_type: 'timeout' } : {}),
    ...feature.event(random, index),
  };
  return JSON.stringify(event);
}

/** Writes `total` events to `path` as NDJSON; resolves with the file's size in bytes. */
export async function writeWorkloadFile(path: string, total: number, seed = 42): Promise<number> {
  const random = mulberry32(seed);
  const out = createWriteStream(path);
  let bytes = 0;
  for (let start = 0; start < total; start += LINES_PER_WRITE) {
    const lines: string[] = [];
    for (let index = start; index < Math.min(total, start + LINES_PER_WRITE); index += 1) {
      lines.push(workloadEvent(random, index));
    }
    const chunk = `${lines.join('\n')}\n`;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
