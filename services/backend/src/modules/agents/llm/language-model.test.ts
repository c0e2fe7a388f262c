import { createLogger, IsolatedEnvironment, loadConfig, defineConfig } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { AgentLlm } from './agent-llm.js';
import { buildLanguageModel } from './language-model.js';
import { llmConfigProblems, llmSettings, llmVariables, type LlmSettings } from './llm.config.js';

const logger = createLogger({ service: 'backend', level: 'silent' });

function settings(overrides: Partial<LlmSettings>): LlmSettings {
  return { provider: 'none', timeoutMs: 8000, ...overrides };
}

function describeModel(model: ReturnType<typeof buildLanguageModel>) {
  return typeof model === 'object' ? { provider: model.provider, modelId: model.modelId } : undefined;
}

describe('buildLanguageModel', () => {
  it('builds no model when the provider is none, so agents stay deterministic', () => {
    expect(buildLanguageModel(settings({ model: 'gpt-4o-mini', apiKey: 'k' }))).toBeUndefined();
    expect(AgentLlm.fromSettings(settings({}), logger)).toBeUndefined();
  });

  it('builds the configured provider model without calling it', () => {
    const openai = buildLanguageModel(settings({ provider: 'openai', model: 'gpt-4o-mini', apiKey: 'k' }));
    expect(describeModel(openai)?.provider).toMatch(/^openai/);
    expect(describeModel(openai)?.modelId).toBe('gpt-4o-mini');
    const anthropic = buildLanguageModel(
      settings({ provider: 'anthropic', model: 'claude-3-5-haiku-latest', apiKey: 'k' }),
    );
    expect(describeModel(anthropic)?.provider).toMatch(/^anthropic/);
    const local = buildLanguageModel(
      settings({ provider: 'openai-compatible', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1' }),
    );
    expect(describeModel(local)?.provider).toMatch(/^openai-compatible/);
    expect(
      AgentLlm.fromSettings(settings({ provider: 'openai', model: 'm', apiKey: 'k' }), logger),
    ).toBeInstanceOf(AgentLlm);
  });

  it('builds nothing from incomplete settings rather than let a provider read its own environment', () => {
    expect(buildLanguageModel(settings({ provider: 'openai', model: 'gpt-4o-mini' }))).toBeUndefined();
    expect(
      buildLanguageModel(settings({ provider: 'openai-compatible', model: 'llama3.1' })),
    ).toBeUndefined();
  });
});

describe('LLM configuration', () => {
  const spec = defineConfig({ service: 'llm-test', variables: llmVariables, checks: llmConfigProblems });
  const load = (values: Record<string, string>) => loadConfig(spec, IsolatedEnvironment.isolated(values));

  it('defaults to no LLM and an 8-second timeout', () => {
    expect(llmSettings(load({}).values)).toEqual({
      provider: 'none',
      model: undefined,
      apiKey: undefined,
      baseUrl: undefined,
      timeoutMs: 8000,
    });
  });

  it('names what a provider still needs, all at once', () => {
    expect(() => load({ LLM_PROVIDER: 'openai' })).toThrow(
      /LLM_MODEL is required[\s\S]*LLM_API_KEY is required/,
    );
    expect(() => load({ LLM_PROVIDER: 'openai-compatible', LLM_MODEL: 'x' })).toThrow(
      /LLM_BASE_URL is required/,
    );
    expect(() => load({ LLM_PROVIDER: 'gemini' })).toThrow(/LLM_PROVIDER/);
  });

  it('accepts a local OpenAI-compatible server without a key', () => {
    const values = load({
      LLM_PROVIDER: 'openai-compatible',
      LLM_MODEL: 'llama3.1',
      LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
      LLM_TIMEOUT_MS: '2000',
    }).values;
    expect(llmSettings(values)).toMatchObject({ provider: 'openai-compatible', timeoutMs: 2000 });
  });
});
