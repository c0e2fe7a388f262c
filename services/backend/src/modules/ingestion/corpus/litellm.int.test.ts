/**
 * LiteLLM files of the corpus (README.md): a spend-log row and a standard logging payload, each
 * imported as `netra analyze` imports it.
 * @module
 */
import { describe, it } from 'vitest';
import { expectFigures } from './corpus-expect.js';
import { analyzeCorpus } from './corpus-run.js';

// gpt-4o list price: $2.50 input, $10 output per million tokens.
const GPT_4O = { input: 2.5 / 1e6, output: 10 / 1e6 };

/** One request at 2025-01-24 09:20:46.847371 (zone-less, UTC); the engine's shortest period is an hour. */
const ONE_REQUEST = {
  events: 1,
  requests: 1,
  start: '2025-01-24T09:20:46.847Z',
  end: '2025-01-24T09:20:46.847Z',
  days: 1 / 24,
};

describe('corpus: LiteLLM', () => {
  it('spend-logs-row.gcs-pubsub-test.json: one gpt-4o request, $0.000225 as LiteLLM states', async () => {
    const run = await analyzeCorpus(['litellm/spend-logs-row.gcs-pubsub-test.json']);
    const expected = 10 * GPT_4O.input + 20 * GPT_4O.output; // = spend 0.000225
    expectFigures(run, { ...ONE_REQUEST, costUsd: expected });
  });

  it('standard-logging-payload.gcs-pubsub-test.json: the logger payload is LiteLLM, not Langfuse (item 7)', async () => {
    const run = await analyzeCorpus(['litellm/standard-logging-payload.gcs-pubsub-test.json']);
    const expected = 10 * GPT_4O.input + 20 * GPT_4O.output; // = response_cost 0.000225
    expectFigures(run, { ...ONE_REQUEST, costUsd: expected });
  });
});
