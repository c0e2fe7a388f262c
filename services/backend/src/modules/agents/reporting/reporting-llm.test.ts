import { Writable } from 'node:stream';
import { createLogger } from '@netra/shared/server';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { recordingContext, testDependencies } from '#test-support/agents/agent-test-doubles.js';
import { AgentLlm } from '#modules/agents/llm/agent-llm.js';
import { writeReport } from './reporting.agent.js';
import { fullState } from '#test-support/agents/state-fixtures.js';

/** The configured LLM over a test model that answers every call with `text`. */
function llmAnswering(text: string): AgentLlm {
  const model = new MockLanguageModelV4({
    doGenerate: () =>
      Promise.resolve({
        content: [{ type: 'text', text }],
        finishReason: { unified: 'stop', raw: undefined },
        usage: {
          inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 20, text: 20, reasoning: undefined },
        },
        warnings: [],
      }),
  });
  const quiet = new Writable({
    write: (_chunk, _encoding, done) => {
      done();
    },
  });
  return new AgentLlm({
    model,
    timeoutMs: 30_000,
    logger: createLogger({ service: 'backend', level: 'warn' }, quiet),
  });
}

describe('reporting agent with the configured LLM', () => {
  it('uses a wording whose figures are all the engine figures', async () => {
    const { context } = recordingContext();
    const wording =
      'You can save $4,370 a month today, 43.7% of spend, and up to $6,120 after an evaluation.';
    const report = await writeReport(fullState(), context, testDependencies({ llm: llmAnswering(wording) }));
    expect(report.summary.headline).toBe(wording);
    expect(report.summary.proven_monthly_savings_usd).toBeCloseTo(4_370, 6);
  });

  it('keeps the deterministic headline when the wording invents a figure', async () => {
    const { context } = recordingContext();
    const invented = 'You can save $9,999 a month.';
    const report = await writeReport(fullState(), context, testDependencies({ llm: llmAnswering(invented) }));
    expect(report.summary.headline).toMatch(/^\$4,370\/month proven/);
  });
});
