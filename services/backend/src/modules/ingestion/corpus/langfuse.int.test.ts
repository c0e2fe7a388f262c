/**
 * Langfuse files of the corpus (README.md): traces downloaded from the Langfuse UI (`{trace,
 * observations}`), each imported as `netra analyze` imports it. Only model calls count: agent, chain,
 * span and tool observations are not requests, even when a wrapper repeats its children's usage.
 * @module
 */
import { describe, it } from 'vitest';
import { expectFigures } from './corpus-expect.js';
import { analyzeCorpus } from './corpus-run.js';

const MTOK = 1e6;
// List prices per million tokens (input, output).
const GPT_4O = { input: 2.5, output: 10 };
const GPT_4O_MINI = { input: 0.15, output: 0.6 };
const GPT_4_1 = { input: 2, output: 8 };
const GEMINI_2_0_FLASH = { input: 0.1, output: 0.4 };
const GEMINI_2_5_FLASH = { input: 0.3, output: 2.5 };
const GPT_5 = { input: 1.25, output: 10 };
const GPT_5_MINI = { input: 0.25, output: 2 };
const CLAUDE_SONNET_4_5 = { input: 3, output: 15 };

type Price = typeof GPT_4O;

/** The list-price cost of generations given as [input tokens, output tokens]. */
function cost(price: Price, ...calls: [number, number][]): number {
  return calls.reduce(
    (sum, [input, output]) => sum + (input * price.input + output * price.output) / MTOK,
    0,
  );
}

/** Requests seconds apart: the period is first to last request, at least the engine's one hour. */
function requestsBetween(count: number, start: string, end: string) {
  return { events: count, requests: count, start, end, days: 1 / 24 };
}

describe('corpus: Langfuse UI trace downloads', () => {
  it('trace-download.autogen-2025-06-06.json: one gpt-4o generation under a span', async () => {
    const run = await analyzeCorpus(['langfuse/trace-download.autogen-2025-06-06.json']);
    const at = '2025-06-06T11:31:33.978Z';
    expectFigures(run, { ...requestsBetween(1, at, at), costUsd: cost(GPT_4O, [41, 3]) }); // 0.0001325
  });

  it('trace-download.llamaindex-2025-06-05.json: one gpt-4o generation', async () => {
    const run = await analyzeCorpus(['langfuse/trace-download.llamaindex-2025-06-05.json']);
    const at = '2025-06-05T15:45:52.971Z';
    expectFigures(run, { ...requestsBetween(1, at, at), costUsd: cost(GPT_4O, [13, 81]) }); // 0.0008425
  });

  it('trace-download.openai-agents-2025-09-30.json: two gpt-4.1 calls under two agent observations', async () => {
    const run = await analyzeCorpus(['langfuse/trace-download.openai-agents-2025-09-30.json']);
    const period = requestsBetween(2, '2025-09-30T09:03:59.963Z', '2025-09-30T09:04:01.001Z');
    expectFigures(run, { ...period, costUsd: cost(GPT_4_1, [55, 15], [85, 29]) }); // 0.000632
  });

  it('trace-download.microsoft-agent-2025-10-14.json: the agent repeating its call’s usage is not a request (item 7)', async () => {
    const run = await analyzeCorpus(['langfuse/trace-download.microsoft-agent-2025-10-14.json']);
    const period = requestsBetween(2, '2025-10-14T16:44:29.953Z', '2025-10-14T16:44:35.939Z');
    expectFigures(run, { ...period, costUsd: cost(GPT_4O, [25, 70], [631, 35]) }); // 0.00269
  });

  it('trace-download.pydantic-ai-tools-2025-12-04.json: four gpt-4o-mini calls among spans and tools', async () => {
    const run = await analyzeCorpus(['langfuse/trace-download.pydantic-ai-tools-2025-12-04.json']);
    const period = requestsBetween(4, '2025-12-04T14:51:22.053Z', '2025-12-04T14:51:27.422Z');
    const calls: [number, number][] = [
      [265, 73],
      [417, 53],
      [502, 14],
      [131, 69],
    ];
    expectFigures(run, { ...period, costUsd: cost(GPT_4O_MINI, ...calls) }); // 0.00032265
  });

  it('trace-download.google-adk-2025-08-28.json: two gemini-2.0-flash calls', async () => {
    const run = await analyzeCorpus(['langfuse/trace-download.google-adk-2025-08-28.json']);
    const period = requestsBetween(2, '2025-08-28T07:32:30.306Z', '2025-08-28T07:32:31.222Z');
    expectFigures(run, { ...period, costUsd: cost(GEMINI_2_0_FLASH, [28, 3], [39, 6]) }); // 0.0000103
  });

  it('trace-download.koog-2025-08-26.json: two gpt-4o calls among agents and spans', async () => {
    const run = await analyzeCorpus(['langfuse/trace-download.koog-2025-08-26.json']);
    const period = requestsBetween(2, '2025-08-26T19:40:59.176Z', '2025-08-26T19:41:03.041Z');
    expectFigures(run, { ...period, costUsd: cost(GPT_4O, [47, 106], [168, 19]) }); // 0.0017875
  });

  it('trace-download.langgraph-2025-08-22.json: two gpt-4o-2024-08-06 calls', async () => {
    const run = await analyzeCorpus(['langfuse/trace-download.langgraph-2025-08-22.json']);
    const period = requestsBetween(2, '2025-08-22T09:38:56.232Z', '2025-08-22T09:38:57.089Z');
    expectFigures(run, { ...period, costUsd: cost(GPT_4O, [60, 15], [108, 51]) }); // 0.00108
  });
});

describe('corpus: Langfuse trace views ({trace, observations}, latency in seconds)', () => {
  it('trace-view.vercel-aisdk-2025-11-17.json: the ai.generateText wrapper is not a second call (item 7)', async () => {
    const run = await analyzeCorpus(['langfuse/trace-view.vercel-aisdk-2025-11-17.json']);
    const at = '2025-11-17T14:55:18.787Z'; // ai.generateText.doGenerate, the provider call
    expectFigures(run, { ...requestsBetween(1, at, at), costUsd: cost(GPT_5, [62, 85]) }); // 0.0009275
  });

  it('trace-view.claude-agent-2025-12-22.json: four claude-sonnet-4-5 turns', async () => {
    const run = await analyzeCorpus(['langfuse/trace-view.claude-agent-2025-12-22.json']);
    const period = requestsBetween(4, '2025-12-22T10:46:15.528Z', '2025-12-22T10:46:19.155Z');
    const turns: [number, number][] = [
      [19, 29],
      [5, 53],
      [5, 56],
      [5, 94],
    ];
    expectFigures(run, { ...period, costUsd: cost(CLAUDE_SONNET_4_5, ...turns) }); // 0.003582
  });

  it('trace-view.pydantic-ai-with-gemini-2025-12-24.json: a user’s gemini-2.5-flash call (langfuse#11307)', async () => {
    const run = await analyzeCorpus(['langfuse/trace-view.pydantic-ai-with-gemini-2025-12-24.json']);
    const at = '2025-12-24T06:01:17.850Z';
    expectFigures(run, { ...requestsBetween(1, at, at), costUsd: cost(GEMINI_2_5_FLASH, [40, 159]) }); // 0.0004095
  });

  it('trace-view.csharp-agent-with-gemini-2026-03-09.json: a user’s three gemini-2.5-flash calls (langfuse#12550)', async () => {
    const run = await analyzeCorpus(['langfuse/trace-view.csharp-agent-with-gemini-2026-03-09.json']);
    const period = requestsBetween(3, '2026-03-09T12:25:54.654Z', '2026-03-09T12:26:06.562Z');
    const calls: [number, number][] = [
      [2_546, 47],
      [3_004, 167],
      [2_497, 200],
    ];
    expectFigures(run, { ...period, costUsd: cost(GEMINI_2_5_FLASH, ...calls) }); // 0.0034491
  });

  it('trace-view.langgraph-js-2025-10-30.json: gpt-5-mini reasoning tokens billed as output', async () => {
    const run = await analyzeCorpus(['langfuse/trace-view.langgraph-js-2025-10-30.json']);
    const period = requestsBetween(2, '2025-10-30T08:45:41.372Z', '2025-10-30T08:45:43.214Z');
    // usageDetails: output 35 + output_reasoning 64 (total 278 = 179 + 35 + 64); then 142/24.
    expectFigures(run, { ...period, costUsd: cost(GPT_5_MINI, [179, 35 + 64], [142, 24]) }); // 0.00032625
  });

  it('trace-view.crewai-2025-07-11.json: one gpt-4o-mini completion among five spans', async () => {
    const run = await analyzeCorpus(['langfuse/trace-view.crewai-2025-07-11.json']);
    const at = '2025-07-11T07:45:13.644Z';
    expectFigures(run, { ...requestsBetween(1, at, at), costUsd: cost(GPT_4O_MINI, [190, 164]) }); // 0.0001269
  });
});

describe('corpus: Langfuse API pages ({data, meta})', () => {
  it('metrics-daily-page.user-issue-5372.json: a daily metrics page is one day of aggregated usage (item 2)', async () => {
    const run = await analyzeCorpus(['langfuse/metrics-daily-page.user-issue-5372.json']);
    // Two usage rows of 2025-02-04, one observation each (countObservations).
    const expected = cost(GPT_4O_MINI, [390, 34], [384, 34]); // = 0.0000789 + 0.000078, Langfuse's totalCost
    const day = { events: 2, requests: 2, start: '2025-02-04T00:00:00Z', end: '2025-02-05T00:00:00Z' };
    expectFigures(run, { ...day, costUsd: expected });
  });
});
