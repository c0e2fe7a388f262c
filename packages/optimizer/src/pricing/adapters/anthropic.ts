/**
 * Anthropic Messages API `usage` → canonical usage. Anthropic's `input_tokens` EXCLUDES the tokens
 * read from and written to the prompt cache (`cache_read_input_tokens`,
 * `cache_creation_input_tokens`); the canonical count includes them. `cache_creation` splits writes
 * by lifetime (`ephemeral_5m_input_tokens`, `ephemeral_1h_input_tokens`). Thinking tokens are part of
 * `output_tokens` and not reported separately, so reasoning stays 0. Server-side web searches,
 * billed per search, are counted in `server_tool_use.web_search_requests`.
 * @module
 */
import type { TokenUsage } from '#pricing/pricing-contract.js';
import { asRecord, checkedUsage, readCount, UsageShapeError } from './usage-reader.js';

const SOURCE = 'anthropic';

/** Cache writes: the total, and the 1-hour part; the split must add up to the total when both exist. */
function cacheWrites(usage: Record<string, unknown>): { total: number; oneHour: number } {
  const total = readCount(SOURCE, usage, 'cache_creation_input_tokens');
  if (usage.cache_creation === undefined || usage.cache_creation === null) {
    return { total, oneHour: 0 };
  }
  const fiveMinutes = readCount(SOURCE, usage, 'cache_creation.ephemeral_5m_input_tokens');
  const oneHour = readCount(SOURCE, usage, 'cache_creation.ephemeral_1h_input_tokens');
  const split = fiveMinutes + oneHour;
  if (usage.cache_creation_input_tokens !== undefined && split !== total) {
    throw new UsageShapeError(
      SOURCE,
      `cache_creation (${split}) must add up to cache_creation_input_tokens (${total})`,
      'cache_creation',
    );
  }
  return { total: split, oneHour };
}

/** Converts an Anthropic `usage` object (Messages API or Bedrock InvokeModel) to canonical usage. */
export function fromAnthropicUsage(value: unknown): TokenUsage {
  const usage = asRecord(SOURCE, value);
  const uncached = readCount(SOURCE, usage, 'input_tokens', true);
  const cacheRead = readCount(SOURCE, usage, 'cache_read_input_tokens');
  const writes = cacheWrites(usage);
  return checkedUsage(
    SOURCE,
    {
      input_tokens: uncached + cacheRead + writes.total,
      output_tokens: readCount(SOURCE, usage, 'output_tokens', true),
      cache_read_tokens: cacheRead,
      cache_write_tokens: writes.total,
      reasoning_tokens: 0,
      cache_write_1h_tokens: writes.oneHour,
      web_search_requests: readCount(SOURCE, usage, 'server_tool_use.web_search_requests'),
    },
    'Anthropic counts are exclusive',
  );
}
