/**
 * OpenAI files of the corpus (README.md): usage API pages, each imported as `netra analyze` imports
 * it. Exports without `group_by=model` name no model: Netra must say how to re-export them, or take
 * the model from `--model` (item 10).
 * @module
 */
import { describe, expect, it } from 'vitest';
import { expectFigures, expectRefusal } from './corpus-expect.js';
import { analyzeCorpus } from './corpus-run.js';

const MTOK = 1e6;
// List prices per million tokens.
const GPT_4O = { input: 2.5, cachedInput: 1.25, output: 10 };
const TEXT_EMBEDDING_3_SMALL = { input: 0.02 };
const GPT_5 = { input: 1.25, cachedInput: 0.125, output: 10 };
const GPT_5_MINI = { input: 0.25, cachedInput: 0.025, output: 2 };

/** How Netra must answer a usage export that names no model. */
const RE_EXPORT_BY_MODEL = /group_by.{0,4}model/;

/** The OpenAPI examples' one daily bucket. */
const NOVEMBER_FIRST = { start: '2024-11-01T00:00:00Z', end: '2024-11-02T00:00:00Z' };

describe('corpus: OpenAI usage API', () => {
  it('usage-completions-page.openapi-example.json: model null is refused with how to re-export (item 10)', async () => {
    const run = await analyzeCorpus(['openai/usage-completions-page.openapi-example.json']);
    expectRefusal(run, RE_EXPORT_BY_MODEL);
  });

  it('usage-completions-page.openapi-example.json with --model gpt-4o: 5 requests over one day (item 2)', async () => {
    const run = await analyzeCorpus(
      ['openai/usage-completions-page.openapi-example.json'],
      '--model',
      'gpt-4o',
    );
    // 1,000 input tokens of which 400 cached, 500 output.
    const expected = (600 * GPT_4O.input + 400 * GPT_4O.cachedInput + 500 * GPT_4O.output) / MTOK; // = 0.007
    expectFigures(run, { events: 1, requests: 5, ...NOVEMBER_FIRST, costUsd: expected });
  });

  it('usage-embeddings-page.openapi-example.json: model null is refused with how to re-export (item 10)', async () => {
    const run = await analyzeCorpus(['openai/usage-embeddings-page.openapi-example.json']);
    expectRefusal(run, RE_EXPORT_BY_MODEL);
  });

  it('usage-embeddings-page.openapi-example.json with --model text-embedding-3-small: 2 requests', async () => {
    const run = await analyzeCorpus(
      ['openai/usage-embeddings-page.openapi-example.json'],
      '--model',
      'text-embedding-3-small',
    );
    const expected = (16 * TEXT_EMBEDDING_3_SMALL.input) / MTOK; // = 0.00000032
    expectFigures(run, { events: 1, requests: 2, ...NOVEMBER_FIRST, costUsd: expected });
  });

  it('usage-completions-30d.cookbook-output.json: a real 30-day export without models is refused (item 10)', async () => {
    const run = await analyzeCorpus(['openai/usage-completions-30d.cookbook-output.json']);
    expectRefusal(run, RE_EXPORT_BY_MODEL);
  });

  it('dashboard-usage-7d.user-export.tsv: TSV, 53 requests, two same-looking rows both kept (items 2, 9, 10)', async () => {
    const run = await analyzeCorpus(['openai/dashboard-usage-7d.user-export.tsv']);
    // Rows (uncached input, cached input, output); the 2025-10-08 bucket is empty.
    const expected =
      (53_440 * GPT_4O.input + 5_760 * GPT_4O.cachedInput + 10_646 * GPT_4O.output) / MTOK + // 10-05 = 0.24726
      (38_072 * GPT_5.input + 8_192 * GPT_5.cachedInput + 60_000 * GPT_5.output) / MTOK + // 10-06 = 0.648614
      (5_783 * GPT_5.input + 16_000 * GPT_5.output) / MTOK + // 10-06, same grouping = 0.16722875
      (80_992 * GPT_5_MINI.input + 274_770 * GPT_5_MINI.output) / MTOK + // 10-07 = 0.569788
      (124_784 * GPT_5_MINI.input + 154_852 * GPT_5_MINI.output) / MTOK + // 10-10 = 0.3409
      (22_688 * GPT_5_MINI.input + 33_191 * GPT_5_MINI.output) / MTOK; // 10-11 = 0.072054
    const requests = 10 + 8 + 1 + 21 + 11 + 2; // num_model_requests = 53
    const period = { start: '2025-10-05T00:00:00Z', end: '2025-10-12T00:00:00Z' };
    expectFigures(run, { events: 6, requests, ...period, costUsd: expected }); // 2.04584475
    // The empty 2025-10-08 bucket carries two trailing empty cells more than the header: no usage, not malformed.
    expect(run.stderr).not.toMatch(/malformed/);
  });
});
