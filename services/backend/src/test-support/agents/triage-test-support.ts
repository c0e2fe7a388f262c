/**
 * A run context and dependencies for unit tests of the pure agents: a real price catalog, the
 * organization's features as a list, and events recorded in memory.
 * @module
 */
import { createPriceCatalog, type UsageSource } from '@netra/optimizer';
import { generateText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import type {
  AgentContext,
  AgentDependencies,
  AgentLanguageModel,
  PreviousRun,
} from '#modules/agents/agent.js';

export interface RecordedEvent {
  kind: 'thinking' | 'tool' | 'progress';
  text: string;
  output?: unknown;
}

export const NOW = new Date('2026-12-03T12:00:00.000Z');

const catalog = createPriceCatalog();

const NO_USAGE = {} as UsageSource;

export function unitDeps(overrides: Partial<AgentDependencies> = {}): AgentDependencies {
  return {
    usage: NO_USAGE,
    catalogFor: () => Promise.resolve(catalog),
    featuresOf: () => Promise.resolve(['chatbot', 'support-bot', 'search', 'doc_summarizer']),
    latestEventOf: () => Promise.resolve(null),
    dailyUsage: () => Promise.resolve([]),
    publicApiUrl: 'https://api.netra.example',
    llm: undefined,
    ...overrides,
  };
}

export function unitContext(text: string, previous: PreviousRun | null = null) {
  const events: RecordedEvent[] = [];
  const context: AgentContext = {
    orgId: 'org-1',
    runId: 'run-1',
    threadId: 'thread-1',
    userId: 'user-1',
    text,
    previous,
    now: NOW,
    signal: new AbortController().signal,
    events: {
      thinking: (message) => {
        events.push({ kind: 'thinking', text: message });
        return Promise.resolve();
      },
      tool: async (tool, _input, work, summarize) => {
        const output = await work();
        events.push({
          kind: 'tool',
          text: tool,
          output: summarize === undefined ? output : summarize(output),
        });
        return output;
      },
      progress: (stage) => {
        events.push({ kind: 'progress', text: stage });
        return Promise.resolve();
      },
    },
  };
  return { context, events };
}

/**
 * The optional LLM over the AI SDK's mock model: `classify` sends the text and parses the model's
 * text answer as JSON, as a real adapter would. `answer` is the model's reply, or an Error it fails with.
 */
export function mockLlm(answer: string | Error): AgentLanguageModel & { calls: () => number } {
  const model = new MockLanguageModelV4({
    doGenerate: () =>
      answer instanceof Error
        ? Promise.reject(answer)
        : Promise.resolve({
            content: [{ type: 'text' as const, text: answer }],
            finishReason: { unified: 'stop' as const, raw: 'stop' },
            usage: {
              inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
              outputTokens: { total: 10, text: 10, reasoning: 0 },
            },
            warnings: [],
          }),
  });
  return {
    classify: async (text, signal) => {
      const { text: reply } = await generateText({ model, prompt: text, maxRetries: 0, abortSignal: signal });
      return JSON.parse(reply) as unknown;
    },
    phrase: () => Promise.resolve(undefined),
    calls: () => model.doGenerateCalls.length,
  };
}
