/**
 * Anthropic files of the corpus (README.md): Admin API usage and cost reports, each imported as
 * `netra analyze` imports it.
 * @module
 */
import { describe, it } from 'vitest';
import { expectFigures } from './corpus-expect.js';
import { analyzeCorpus } from './corpus-run.js';

const MTOK = 1e6;
// Anthropic list prices per million tokens; web search is $10 per 1,000 searches.
const SONNET_4 = { input: 3, write5m: 3.75, write1h: 6, read: 0.3, output: 15 };
const OPUS_4_6 = { input: 5, write5m: 6.25, write1h: 10, read: 0.5, output: 25 };
const HAIKU_4_5 = { input: 1, output: 5 };
const WEB_SEARCH_USD = 10 / 1000;

/** The documented example's one result: tokens by kind and 10 web searches. */
function exampleCost(price: typeof SONNET_4): number {
  return (
    (1_500 * price.input +
      500 * price.write5m +
      1_000 * price.write1h +
      200 * price.read +
      500 * price.output) /
      MTOK +
    10 * WEB_SEARCH_USD
  );
}

/** One daily bucket, 2025-08-01; the report states no request count, so its one row counts as one. */
const ONE_DAY_ONE_ROW = {
  events: 1,
  requests: 1,
  start: '2025-08-01T00:00:00Z',
  end: '2025-08-02T00:00:00Z',
};

describe('corpus: Anthropic', () => {
  it('usage-report-messages.docs-example-2026-01.json: 1h cache writes and web search priced (items 2, 8)', async () => {
    const run = await analyzeCorpus(['anthropic/usage-report-messages.docs-example-2026-01.json']);
    const expected = exampleCost(SONNET_4); // = 0.0045 + 0.001875 + 0.006 + 0.00006 + 0.0075 + 0.1 = 0.119935
    expectFigures(run, { ...ONE_DAY_ONE_ROW, costUsd: expected });
  });

  it('usage-report-messages.docs-example-2026-08.json: the current example, claude-opus-4-6', async () => {
    const run = await analyzeCorpus(['anthropic/usage-report-messages.docs-example-2026-08.json']);
    const expected = exampleCost(OPUS_4_6); // = 0.0075 + 0.003125 + 0.01 + 0.0001 + 0.0125 + 0.1 = 0.133225
    expectFigures(run, { ...ONE_DAY_ONE_ROW, costUsd: expected });
  });

  it('console-usage-daily-1d.user-export.csv: a one-day console export projects ×30, not ×720 (item 2)', async () => {
    const run = await analyzeCorpus(['anthropic/console-usage-daily-1d.user-export.csv']);
    const expected = (1_947_945 * HAIKU_4_5.input + 452_067 * HAIKU_4_5.output) / MTOK; // = 4.20828
    // One row, no request count in the export: it counts as one.
    const figures = { events: 1, requests: 1, start: '2026-03-31T00:00:00Z', end: '2026-04-01T00:00:00Z' };
    expectFigures(run, { ...figures, costUsd: expected });
  });

  it('console-usage-hourly-2h.user-export.csv: two hourly buckets span two hours, ×360 (item 2)', async () => {
    const run = await analyzeCorpus(['anthropic/console-usage-hourly-2h.user-export.csv']);
    const expected =
      (1_124_832 * HAIKU_4_5.input + 254_558 * HAIKU_4_5.output) / MTOK + // 02:00 = 2.397622
      (506_280 * HAIKU_4_5.input + 117_816 * HAIKU_4_5.output) / MTOK; // 03:00 = 1.09536
    const figures = { events: 2, requests: 2, start: '2026-03-31T02:00:00Z', end: '2026-03-31T04:00:00Z' };
    expectFigures(run, { ...figures, costUsd: expected });
  });
});
