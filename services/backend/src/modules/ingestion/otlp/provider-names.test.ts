import { describe, expect, it } from 'vitest';
import { normaliseProvider } from './provider-names.js';

describe('normaliseProvider', () => {
  it.each([
    ['openai', 'openai'],
    ['OpenAI', 'openai'],
    ['openai.responses', 'openai'],
    ['openai.chat', 'openai'],
    ['openai.embedding', 'openai'],
    ['Anthropic', 'anthropic'],
    ['anthropic.messages', 'anthropic'],
    ['gcp.vertex.agent', 'google'],
    ['gcp.vertex_ai', 'google'],
    ['gcp.gemini', 'google'],
    ['vertex_ai', 'google'],
    ['gemini', 'google'],
    ['google.generative-ai', 'google'],
    ['google.vertex.chat', 'google'],
    ['az.ai.inference', 'azure'],
    ['azure.ai.openai', 'azure'],
    ['azure.responses', 'azure'],
    ['aws.bedrock', 'bedrock'],
    ['amazon-bedrock', 'bedrock'],
    ['mistral_ai', 'mistral'],
    ['x_ai', 'xai'],
    ['ibm.watsonx.ai', 'ibm'],
    [' Groq ', 'groq'],
    ['deepseek.chat', 'deepseek.chat'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseProvider(raw)).toBe(expected);
  });

  it('does not read inherited object keys as table entries', () => {
    expect(normaliseProvider('constructor')).toBe('constructor');
    expect(normaliseProvider('__proto__.x')).toBe('__proto__.x');
  });
});
