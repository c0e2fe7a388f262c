/**
 * OpenAI `usage` → canonical usage. Both OpenAI APIs already count inclusively:
 * - Chat Completions: `prompt_tokens` includes `prompt_tokens_details.cached_tokens`;
 *   `completion_tokens` includes `completion_tokens_details.reasoning_tokens`.
 * - Responses: `input_tokens` includes `input_tokens_details.cached_tokens`; `output_tokens`
 *   includes `output_tokens_details.reasoning_tokens`.
 * Some OpenAI-compatible providers add `cache_write_tokens` to the details; it is a subset too.
 * @module
 */
import type { TokenUsage } from '#pricing/pricing-contract.js';
import { asRecord, checkedUsage, readCount } from './usage-reader.js';

const INCLUSIVE = 'OpenAI counts are inclusive: cached and reasoning tokens are subsets of the totals';

/** Converts a Chat Completions `usage` object to canonical usage. */
export function fromOpenAIChatUsage(value: unknown): TokenUsage {
  const source = 'openai chat';
  const usage = asRecord(source, value);
  return checkedUsage(
    source,
    {
      input_tokens: readCount(source, usage, 'prompt_tokens', true),
      output_tokens: readCount(source, usage, 'completion_tokens', true),
      cache_read_tokens: readCount(source, usage, 'prompt_tokens_details.cached_tokens'),
      cache_write_tokens: readCount(source, usage, 'prompt_tokens_details.cache_write_tokens'),
      reasoning_tokens: readCount(source, usage, 'completion_tokens_details.reasoning_tokens'),
    },
    INCLUSIVE,
  );
}

/** Converts a Responses API `usage` object to canonical usage. */
export function fromOpenAIResponsesUsage(value: unknown): TokenUsage {
  const source = 'openai responses';
  const usage = asRecord(source, value);
  return checkedUsage(
    source,
    {
      input_tokens: readCount(source, usage, 'input_tokens', true),
      output_tokens: readCount(source, usage, 'output_tokens', true),
      cache_read_tokens: readCount(source, usage, 'input_tokens_details.cached_tokens'),
      cache_write_tokens: readCount(source, usage, 'input_tokens_details.cache_write_tokens'),
      reasoning_tokens: readCount(source, usage, 'output_tokens_details.reasoning_tokens'),
    },
    INCLUSIVE,
  );
}
