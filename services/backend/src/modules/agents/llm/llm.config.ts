/**
 * The optional LLM of agent runs: which provider and model, how to reach it, how long to wait. With
 * `LLM_PROVIDER=none` (the default) the agents run their deterministic path only; with a model they
 * may use it to classify a request and to word a summary, never to produce a figure.
 * @module
 */
import { vars, type ConfigValues, type VariableSpec } from '@netra/shared/server';
import { z } from 'zod';

export const LLM_PROVIDERS = ['none', 'openai', 'anthropic', 'openai-compatible'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/** The backend's LLM variables, spread into its configuration spec. */
export const llmVariables = {
  LLM_PROVIDER: {
    schema: z.enum(LLM_PROVIDERS),
    default: 'none',
    description:
      'Optional LLM the agents use to classify requests and word summaries (figures always come from the engine): `none`, `openai`, `anthropic` or `openai-compatible`',
  },
  LLM_MODEL: {
    schema: vars.optionalString(),
    description: 'Model id at the LLM provider; required unless LLM_PROVIDER is `none`',
  },
  LLM_API_KEY: {
    schema: vars.optionalString(),
    secret: true,
    description: 'API key of the LLM provider; required for `openai` and `anthropic`',
  },
  LLM_BASE_URL: {
    schema: vars.optionalUrl(),
    description:
      'Base URL of an OpenAI-compatible server (local models); required for `openai-compatible`, optional proxy URL for the others',
  },
  LLM_TIMEOUT_MS: {
    schema: vars.positiveInt(),
    default: '8000',
    description: 'Longest wait for one LLM call; past it the agents continue on their deterministic path',
  },
} satisfies Record<string, VariableSpec>;

export type LlmValues = ConfigValues<typeof llmVariables>;

/** What the agents need to build and call the model. */
export interface LlmSettings {
  provider: LlmProvider;
  model?: string;
  apiKey?: string;
  baseUrl?: string;
  timeoutMs: number;
}

export function llmSettings(values: LlmValues): LlmSettings {
  return {
    provider: values.LLM_PROVIDER,
    model: values.LLM_MODEL,
    apiKey: values.LLM_API_KEY,
    baseUrl: values.LLM_BASE_URL,
    timeoutMs: values.LLM_TIMEOUT_MS,
  };
}

/** Settings that cannot work together, reported at start with every other configuration problem. */
export function llmConfigProblems(values: LlmValues): string[] {
  const provider = values.LLM_PROVIDER;
  if (provider === 'none') {
    return [];
  }
  const problems: string[] = [];
  if (values.LLM_MODEL === undefined) {
    problems.push(`LLM_MODEL is required when LLM_PROVIDER is ${provider}`);
  }
  if (provider !== 'openai-compatible' && values.LLM_API_KEY === undefined) {
    problems.push(`LLM_API_KEY is required when LLM_PROVIDER is ${provider}`);
  }
  if (provider === 'openai-compatible' && values.LLM_BASE_URL === undefined) {
    problems.push('LLM_BASE_URL is required when LLM_PROVIDER is openai-compatible');
  }
  return problems;
}
