/**
 * OpenTelemetry GenAI span attributes → canonical usage. Source: the GenAI semantic conventions
 * registry (open-telemetry/semantic-conventions-genai, `model/gen-ai/registry.yaml`):
 * `gen_ai.usage.input_tokens` "SHOULD include all types of input tokens, including cached tokens";
 * `gen_ai.usage.cache_read.input_tokens` and `gen_ai.usage.cache_creation.input_tokens` "SHOULD be
 * included in `gen_ai.usage.input_tokens`"; `gen_ai.usage.reasoning.output_tokens` "SHOULD be
 * included in `gen_ai.usage.output_tokens`". So the conventions are inclusive, like ours. Cache
 * writes are also emitted as `gen_ai.usage.cache_write.input_tokens`; the deprecated
 * `gen_ai.usage.prompt_tokens` / `completion_tokens` and underscore spellings are read as well.
 * @module
 */
import type { TokenUsage } from '#pricing/pricing-contract.js';
import { asRecord, checkedUsage, readFirst, UsageShapeError } from './usage-reader.js';

const SOURCE = 'opentelemetry';

const INPUT = ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'];
const OUTPUT = ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'];
const CACHE_READ = ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens'];
const CACHE_WRITE = [
  'gen_ai.usage.cache_write.input_tokens',
  'gen_ai.usage.cache_creation.input_tokens',
  'gen_ai.usage.cache_creation_input_tokens',
];
const REASONING = ['gen_ai.usage.reasoning.output_tokens', 'gen_ai.usage.reasoning_tokens'];

/** Options of `fromOtelAttributes`. */
export interface OtelUsageOptions {
  /**
   * Set to false for instrumentations known to report input tokens WITHOUT cached tokens (the
   * Anthropic way) despite the conventions; the cache counts are then added to the input count.
   */
  inputIncludesCache?: boolean;
}

function requireOne(attributes: Record<string, unknown>, keys: readonly string[]): void {
  if (!keys.some((key) => attributes[key] !== undefined && attributes[key] !== null)) {
    throw new UsageShapeError(SOURCE, `${keys[0] ?? ''} is required`, keys[0]);
  }
}

/** Converts a span's attributes (a flat `name → value` record) to canonical usage. */
export function fromOtelAttributes(value: unknown, options: OtelUsageOptions = {}): TokenUsage {
  const attributes = asRecord(SOURCE, value);
  requireOne(attributes, INPUT);
  const reported = readFirst(SOURCE, attributes, INPUT);
  const cacheRead = readFirst(SOURCE, attributes, CACHE_READ);
  const cacheWrite = readFirst(SOURCE, attributes, CACHE_WRITE);
  const inclusive = options.inputIncludesCache ?? true;
  return checkedUsage(
    SOURCE,
    {
      input_tokens: inclusive ? reported : reported + cacheRead + cacheWrite,
      output_tokens: readFirst(SOURCE, attributes, OUTPUT),
      cache_read_tokens: cacheRead,
      cache_write_tokens: cacheWrite,
      reasoning_tokens: readFirst(SOURCE, attributes, REASONING),
    },
    'the GenAI conventions count cached tokens inside gen_ai.usage.input_tokens (pass inputIncludesCache: false for instrumentations that do not)',
  );
}
