/**
 * Builds the AI SDK language model the configuration names, or none. Keys and URLs are always passed
 * explicitly: the providers would otherwise read their own environment variables, behind the
 * configuration's back.
 * @module
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { LlmSettings } from './llm.config.js';

/** The configured model; undefined when no LLM is configured (or the settings are incomplete). */
export function buildLanguageModel(settings: LlmSettings): LanguageModel | undefined {
  const { provider, model, apiKey, baseUrl } = settings;
  if (provider === 'none' || model === undefined) {
    return undefined;
  }
  if (provider === 'openai-compatible') {
    if (baseUrl === undefined) {
      return undefined;
    }
    return createOpenAICompatible({ name: 'openai-compatible', baseURL: baseUrl, apiKey }).chatModel(model);
  }
  if (apiKey === undefined) {
    return undefined;
  }
  if (provider === 'openai') {
    return createOpenAI({ apiKey, baseURL: baseUrl })(model);
  }
  return createAnthropic({ apiKey, baseURL: baseUrl })(model);
}
