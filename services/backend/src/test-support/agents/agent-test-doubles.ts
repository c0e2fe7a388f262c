/**
 * Test doubles for the agents' unit tests: a run context that records the events an agent emits,
 * dependencies whose reads answer from given values, and a triage result and sufficiency verdict
 * to start from. Used by the data, optimization, actions and reporting tests.
 * @module
 */
import type { UsageSource } from '@netra/optimizer';
import type { RequestGoal } from '@netra/shared/contracts';
import type { AgentContext, AgentDependencies } from '#modules/agents/agent.js';
import type { SufficiencyResult, TriageResult } from '#modules/agents/workflow-state.js';
import { GENERAL_GOAL } from '#modules/agents/triage/request-goal.js';

export interface RecordedEvent {
  type: 'thinking' | 'tool' | 'progress';
  name: string;
  detail?: unknown;
}

export const TEST_NOW = new Date('2025-06-30T12:00:00.000Z');

/** Events that land in `recorded`; tools run their work and record their input and summary. */
function recordingEvents(recorded: RecordedEvent[]): AgentContext['events'] {
  return {
    thinking: (text) => {
      recorded.push({ type: 'thinking', name: text });
      return Promise.resolve();
    },
    tool: async (tool, input, work, summarize) => {
      const output = await work();
      recorded.push({ type: 'tool', name: tool, detail: { input, summary: summarize?.(output) } });
      return output;
    },
    progress: (stage, progress, message) => {
      recorded.push({ type: 'progress', name: stage, detail: { progress, message } });
      return Promise.resolve();
    },
  };
}

/** A context whose events land in `recorded`. */
export function recordingContext(overrides: Partial<AgentContext> = {}) {
  const recorded: RecordedEvent[] = [];
  const context: AgentContext = {
    orgId: 'org_test',
    runId: 'run_test',
    threadId: 'thread_test',
    userId: 'user_test',
    text: 'How can we cut our LLM spend?',
    previous: null,
    now: TEST_NOW,
    signal: new AbortController().signal,
    events: recordingEvents(recorded),
    ...overrides,
  };
  return { context, recorded };
}

const unexpected = (what: string) => () => Promise.reject(new Error(`unexpected read: ${what}`));

const NO_TOTALS = {
  requests: 0,
  total_cost: 0,
  unpriced: 0,
  start_ms: 0,
  end_ms: 0,
  aggregated_requests: 0,
  uncounted_requests: 0,
  reported_cost_requests: 0,
  reported_cost: 0,
  with_tokens: 0,
  with_latency: 0,
  with_feature: 0,
  with_prompt_hash: 0,
  with_prefix_hashes: 0,
  with_prompt: 0,
  with_price: 0,
};

/** A usage source of an organization without usage: the engine answers with its empty assessment. */
export const EMPTY_USAGE: UsageSource = {
  totals: () => Promise.resolve({ ...NO_TOTALS }),
  segmentFigures: () => Promise.resolve([]),
  segmentFlags: () => Promise.resolve([]),
  costSummary: () =>
    Promise.resolve({ requests: 0, total_cost_usd: 0, unpriced_requests: 0, by_model: [], by_feature: [] }),
  analyzedRequests: () => ({
    [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true, value: undefined }) }),
  }),
};

/** Dependencies that fail any read the test did not give. */
export function testDependencies(overrides: Partial<AgentDependencies> = {}): AgentDependencies {
  return {
    usage: {
      totals: unexpected('totals'),
      segmentFigures: unexpected('segmentFigures'),
      segmentFlags: unexpected('segmentFlags'),
      costSummary: unexpected('costSummary'),
      analyzedRequests: () => ({
        [Symbol.asyncIterator]: () => ({ next: unexpected('analyzedRequests') }),
      }),
    },
    catalogFor: unexpected('catalogFor'),
    featuresOf: unexpected('featuresOf'),
    latestEventOf: unexpected('latestEventOf'),
    dailyUsage: unexpected('dailyUsage'),
    publicApiUrl: 'http://127.0.0.1:4000',
    llm: undefined,
    ...overrides,
  };
}

export function testGoal(overrides: Partial<RequestGoal> = {}): RequestGoal {
  return { ...GENERAL_GOAL, category: 'cost_optimization', objective: 'cost', ...overrides };
}

export function testTriage(goal: Partial<RequestGoal> = {}): TriageResult {
  return {
    category: 'cost_optimization',
    priority: 'medium',
    intent: 'reduce spend',
    confidence: 0.9,
    goal: testGoal(goal),
    entities: { models: [], providers: [], amounts: [], targets: [], time_range: null, features: [] },
    source: 'rules',
    flags: [],
  };
}

export function testSufficiency(overrides: Partial<SufficiencyResult> = {}): SufficiencyResult {
  return {
    level: 'sufficient',
    workflow: 'sufficient',
    scope: { from: '2025-06-01T00:00:00.000Z', to: '2025-06-30T00:00:00.000Z' },
    requests: 10_000,
    quality: { sufficiency: 'sufficient', completeness: 0.95, missing: [], notes: [] },
    stated_baseline: null,
    reasons: [],
    ...overrides,
  };
}
