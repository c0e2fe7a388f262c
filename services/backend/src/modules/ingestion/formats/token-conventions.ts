/**
 * Token conventions of the sources → the canonical inclusive one (ARCHITECTURE §4.1: `input_tokens`
 * includes cache reads and writes, `output_tokens` includes reasoning). The arithmetic is the shared
 * adapters' of `@netra/optimizer`; this module only shapes each export's counts for them and turns
 * their `UsageShapeError` into a row error.
 * @module
 */
import {
  fromAnthropicUsage,
  fromOpenAIResponsesUsage,
  fromOtelAttributes,
  UsageShapeError,
  type TokenUsage,
} from '@netra/optimizer';
import { ConversionError } from './value-readers.js';

/**
 * The canonical token fields of one record; `cache_write_1h_tokens` (the 1-hour subset of the cache
 * writes) only when there are some, so records of sources without the split stay as they were.
 */
export type CanonicalTokens = Pick<
  TokenUsage,
  | 'input_tokens'
  | 'output_tokens'
  | 'cache_read_tokens'
  | 'cache_write_tokens'
  | 'reasoning_tokens'
  | 'cache_write_1h_tokens'
>;

/** Runs an adapter; an inconsistent usage becomes a `ConversionError` on the field it names. */
function adapt(convert: () => TokenUsage): CanonicalTokens {
  try {
    const usage = convert();
    const tokens: CanonicalTokens = {
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
      cache_read_tokens: usage.cache_read_tokens,
      cache_write_tokens: usage.cache_write_tokens,
      reasoning_tokens: usage.reasoning_tokens,
    };
    if ((usage.cache_write_1h_tokens ?? 0) > 0) {
      tokens.cache_write_1h_tokens = usage.cache_write_1h_tokens;
    }
    return tokens;
  } catch (error) {
    if (error instanceof UsageShapeError) {
      const field = error.details?.field;
      throw new ConversionError(typeof field === 'string' ? field : 'usage', error.message);
    }
    throw error;
  }
}

/**
 * Anthropic reports input EXCLUSIVE of cache (Messages API `usage.input_tokens`, the usage report's
 * `uncached_input_tokens`); the adapter adds cache reads and both cache-write lifetimes.
 */
export function fromAnthropicCounts(counts: {
  uncachedInput: number;
  cacheRead: number;
  write5m: number;
  write1h: number;
  output: number;
}): CanonicalTokens {
  return adapt(() =>
    fromAnthropicUsage({
      input_tokens: counts.uncachedInput,
      cache_read_input_tokens: counts.cacheRead,
      cache_creation: {
        ephemeral_5m_input_tokens: counts.write5m,
        ephemeral_1h_input_tokens: counts.write1h,
      },
      output_tokens: counts.output,
    }),
  );
}

/**
 * OpenAI-style inclusive counts (OpenAI's usage API, LiteLLM's OpenAI-format usage, Langfuse
 * details sent as subsets): cache and reasoning counts are subsets, checked by the adapter.
 */
export function fromInclusiveCounts(counts: {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
}): CanonicalTokens {
  return adapt(() =>
    fromOpenAIResponsesUsage({
      input_tokens: counts.input,
      input_tokens_details: { cached_tokens: counts.cacheRead, cache_write_tokens: counts.cacheWrite },
      output_tokens: counts.output,
      output_tokens_details: { reasoning_tokens: counts.reasoning },
    }),
  );
}

/**
 * Counts written the canonical way already (additive usage types summed by the caller), checked by
 * the same rules.
 */
export function canonicalCounts(tokens: CanonicalTokens): CanonicalTokens {
  return fromInclusiveCounts({
    input: tokens.input_tokens,
    cacheRead: tokens.cache_read_tokens,
    cacheWrite: tokens.cache_write_tokens,
    output: tokens.output_tokens,
    reasoning: tokens.reasoning_tokens,
  });
}

/**
 * GenAI span attributes (inclusive by the semantic conventions). A span whose cache counts cannot
 * fit inside its input came from an instrumentation that passed Anthropic's exclusive count
 * through, so it is read as exclusive rather than refused. A span with no usage at all (a call that
 * failed before the provider answered) has zero tokens.
 */
export function fromOtelUsage(
  attributes: Record<string, unknown>,
  counts: { input: number | undefined; cacheRead: number; cacheWrite: number },
): CanonicalTokens {
  if (counts.input === undefined) {
    return {
      input_tokens: 0,
      output_tokens: 0,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      reasoning_tokens: 0,
    };
  }
  const inputIncludesCache = counts.cacheRead + counts.cacheWrite <= counts.input;
  return adapt(() => fromOtelAttributes(attributes, { inputIncludesCache }));
}

/**
 * LiteLLM's `prompt_tokens` is inclusive (its Anthropic adapter adds cache reads and creations);
 * older releases added only the reads. When the cache counts cannot fit inside the reported input,
 * the missing parts are added back rather than the row being refused.
 */
export function inclusiveInput(reported: number, cacheRead: number, cacheWrite: number): number {
  if (cacheRead + cacheWrite <= reported) {
    return reported;
  }
  return cacheRead <= reported ? reported + cacheWrite : reported + cacheRead + cacheWrite;
}
