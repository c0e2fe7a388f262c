/**
 * Gemini `usageMetadata` → canonical usage. `promptTokenCount` INCLUDES `cachedContentTokenCount`;
 * `candidatesTokenCount` EXCLUDES `thoughtsTokenCount` (thinking is reported beside the answer), so
 * output = candidates + thoughts. Tool-use prompt tokens (`toolUsePromptTokenCount`) are billed as
 * input and are not part of `promptTokenCount`. Gemini leaves out counts that are 0.
 * @module
 */
import type { TokenUsage } from '#pricing/pricing-contract.js';
import { asRecord, checkedUsage, readCount, UsageShapeError } from './usage-reader.js';

const SOURCE = 'gemini';

/** Converts a Gemini (AI Studio or Vertex AI) `usageMetadata` object to canonical usage. */
export function fromGeminiUsage(value: unknown): TokenUsage {
  const usage = asRecord(SOURCE, value);
  if ('usageMetadata' in usage) {
    throw new UsageShapeError(SOURCE, 'pass the response’s usageMetadata object, not the whole response');
  }
  const prompt = readCount(SOURCE, usage, 'promptTokenCount');
  const toolPrompt = readCount(SOURCE, usage, 'toolUsePromptTokenCount');
  const thoughts = readCount(SOURCE, usage, 'thoughtsTokenCount');
  return checkedUsage(
    SOURCE,
    {
      input_tokens: prompt + toolPrompt,
      output_tokens: readCount(SOURCE, usage, 'candidatesTokenCount') + thoughts,
      cache_read_tokens: readCount(SOURCE, usage, 'cachedContentTokenCount'),
      cache_write_tokens: 0,
      reasoning_tokens: thoughts,
    },
    'Gemini’s promptTokenCount includes cachedContentTokenCount',
  );
}
