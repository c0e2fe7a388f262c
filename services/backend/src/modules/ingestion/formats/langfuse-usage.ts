/**
 * Langfuse usage details → canonical tokens. Langfuse usage types are free-form names whose counts
 * are additive (Langfuse sums them into `total`); names containing `input` are input types and
 * names containing `output` output types (Langfuse docs, "Model Usage & Cost Tracking").
 * @module
 */
import { canonicalCounts, fromInclusiveCounts, type CanonicalTokens } from './token-conventions.js';
import { readCount, type Row } from './value-readers.js';

interface UsageSums {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
  /** The plain `input`/`output` types alone (legacy `promptTokens`/`completionTokens` too). */
  plainInput: number;
  plainOutput: number;
  total: number | undefined;
}

type UsageKind = 'total' | 'cacheRead' | 'cacheWrite' | 'reasoning' | 'input' | 'output' | 'ignored';

/** Which part of the usage a type name counts toward. */
function kindOf(name: string): UsageKind {
  const key = name.toLowerCase();
  if (key.includes('cost') || key === 'unit') {
    return 'ignored';
  }
  if (key.includes('total')) {
    return 'total';
  }
  if (/cache_?read|cached/.test(key)) {
    return 'cacheRead';
  }
  if (/cache_?(creation|write)/.test(key)) {
    return 'cacheWrite';
  }
  if (/reasoning|thought|thinking/.test(key)) {
    return 'reasoning';
  }
  if (key.includes('input') || key.includes('prompt')) {
    return 'input';
  }
  return key.includes('output') || key.includes('completion') ? 'output' : 'ignored';
}

function sumUsage(usage: Row): UsageSums {
  const sums: UsageSums = {
    input: 0,
    output: 0,
    cacheRead: 0,
    cacheWrite: 0,
    reasoning: 0,
    plainInput: 0,
    plainOutput: 0,
    total: undefined,
  };
  for (const name of Object.keys(usage)) {
    const kind = kindOf(name);
    const count = kind === 'ignored' ? undefined : readCount(usage, name);
    if (count !== undefined) {
      addCount(sums, name, kind, count);
    }
  }
  return sums;
}

function addCount(sums: UsageSums, name: string, kind: UsageKind, count: number): void {
  const plain = ['input', 'prompttokens', 'prompt_tokens'].includes(name.toLowerCase());
  const plainOut = ['output', 'completiontokens', 'completion_tokens'].includes(name.toLowerCase());
  sums.plainInput += plain ? count : 0;
  sums.plainOutput += plainOut ? count : 0;
  if (kind === 'total') {
    sums.total = Math.max(sums.total ?? 0, count);
    return;
  }
  if (kind === 'cacheRead' || kind === 'cacheWrite') {
    sums[kind] += count;
    sums.input += count;
  } else if (kind === 'reasoning') {
    sums.reasoning += count;
    sums.output += count;
  } else if (kind === 'input' || kind === 'output') {
    sums[kind] += count;
  }
}

/**
 * Canonical tokens from a usage-details object. Additive types are summed; but when the row's
 * `total` equals plain input + output while the detail types would exceed it, the sender put the
 * details in as subsets (as OpenAI reports them), so `input`/`output` are taken as inclusive.
 */
export function langfuseTokens(usage: Row): CanonicalTokens {
  const sums = sumUsage(usage);
  const additive = sums.input + sums.output;
  const inclusive = sums.plainInput + sums.plainOutput;
  if (sums.total !== undefined && sums.total !== additive && sums.total === inclusive) {
    return fromInclusiveCounts({
      input: sums.plainInput,
      output: sums.plainOutput,
      cacheRead: sums.cacheRead,
      cacheWrite: sums.cacheWrite,
      reasoning: sums.reasoning,
    });
  }
  return canonicalCounts({
    input_tokens: sums.input,
    output_tokens: sums.output,
    cache_read_tokens: sums.cacheRead,
    cache_write_tokens: sums.cacheWrite,
    reasoning_tokens: sums.reasoning,
  });
}
