/**
 * The request-structure change prompt caching needs, per API family: Anthropic caches only up to
 * explicit `cache_control` breakpoints; OpenAI caches automatically but only an identical leading
 * prefix, so static content must come first and `prompt_cache_key` keeps similar requests on the
 * same cache; other providers get the generic recipe.
 * @module
 */
import type { SegmentProfile } from '#analysis/workload-profile.js';
import type { OpportunityAction } from '@netra/shared/contracts';
import { apiFamily, jsonSnippet } from './snippets.js';
import { featureSlug } from './segment-change.js';

const STATIC_SYSTEM = '<stable instructions, policies and few-shot examples: identical on every request>';
const VARIABLE_INPUT = '<the per-request input: last>';

function anthropicAction(segment: SegmentProfile): OpportunityAction {
  const body = {
    model: segment.priced_model,
    max_tokens: 1024,
    tools: [
      {
        name: '<last tool definition>',
        description: '<…>',
        input_schema: { type: 'object', properties: {} },
        cache_control: { type: 'ephemeral' },
      },
    ],
    system: [{ type: 'text', text: STATIC_SYSTEM, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: VARIABLE_INPUT }],
  };
  return {
    title: 'Mark the stable prefix with cache_control breakpoints',
    detail:
      'Anthropic caches only up to a `cache_control: {type: "ephemeral"}` breakpoint (up to 4 per request, ' +
      '5-minute lifetime refreshed on use). Put one after the tools and one after the stable system prompt; ' +
      'keep everything before a breakpoint byte-identical between requests.',
    snippet: jsonSnippet(body),
    language: 'json',
  };
}

function openAiAction(segment: SegmentProfile): OpportunityAction {
  const body = {
    model: segment.priced_model,
    prompt_cache_key: featureSlug(segment),
    messages: [
      { role: 'system', content: STATIC_SYSTEM },
      { role: 'user', content: VARIABLE_INPUT },
    ],
  };
  return {
    title: 'Order prompts static-first and set prompt_cache_key',
    detail:
      'OpenAI caches prompts of 1,024+ tokens automatically, but only an identical leading prefix. Put ' +
      'static content (instructions, tool definitions, examples) first and variable content (user input, ' +
      'retrieved documents, timestamps) last, and send a `prompt_cache_key` per feature so requests that ' +
      'share a prefix reach the same cache.',
    snippet: jsonSnippet(body),
    language: 'json',
  };
}

function genericAction(segment: SegmentProfile): OpportunityAction {
  const provider = segment.priced_provider;
  const google = apiFamily(provider) === 'google';
  return {
    title: google ? 'Use Gemini context caching for the shared prefix' : `Enable ${provider} prompt caching`,
    detail:
      'Move static content (instructions, tool definitions, examples, shared documents) to the start of the ' +
      'prompt and variable content to the end, so consecutive requests share the longest possible prefix' +
      (google
        ? '; Gemini models cache repeated prefixes implicitly, and `cachedContents` makes it explicit.'
        : ", then turn on the provider's prompt cache for it."),
  };
}

/** The request change that makes the shared prefixes cacheable on this segment's provider. */
export function promptCachingAction(segment: SegmentProfile): OpportunityAction {
  switch (apiFamily(segment.priced_provider)) {
    case 'anthropic':
      return anthropicAction(segment);
    case 'openai':
      return openAiAction(segment);
    case 'google':
    case 'other':
      return genericAction(segment);
  }
}
