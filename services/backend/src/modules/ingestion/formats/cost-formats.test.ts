/**
 * The cost-export readers: OpenAI Costs API pages and the dashboard's cost CSV, Anthropic's cost
 * report; detection against usage exports; and every refusal (bad amount, foreign currency, missing
 * time) at its own line while the rest of the file is read.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { detectCostFormat } from './cost-detect.js';
import { sniffExport } from './export-kind.js';
import {
  createCostFileProgress,
  readCostFile,
  type CostFileRow,
  type ReadCostFileOptions,
} from './read-cost-file.js';
import { chunksOf, fixtureBytes, readAll } from './test-support.js';

async function readCosts(bytes: Buffer, format: ReadCostFileOptions['format'] = 'auto') {
  const progress = createCostFileProgress();
  const rows: CostFileRow[] = [];
  for await (const row of readCostFile(chunksOf(bytes, 97), { format, progress })) {
    rows.push(row);
  }
  return { rows, progress, costs: rows.flatMap((row) => (row.cost === undefined ? [] : [row.cost])) };
}

const errors = (rows: CostFileRow[]) =>
  rows.flatMap((row) => (row.error === undefined ? [] : [`${row.line}: ${row.error.field}`]));

describe('OpenAI Costs API page', () => {
  it('reads each result as a billed line in dollars, with the model taken from the line item', async () => {
    const { costs, progress } = await readCosts(fixtureBytes('openai-costs-page.json'));
    expect(progress.format).toBe('openai_costs');
    expect(costs[0]).toEqual({
      day: '2024-11-01',
      periodStart: '2024-11-01T00:00:00.000Z',
      periodEnd: '2024-11-02T00:00:00.000Z',
      provider: 'openai',
      model: 'gpt-4o-2024-08-06',
      lineItem: 'gpt-4o-2024-08-06, input',
      projectId: 'proj_abc',
      amountUsd: 0.06,
      attributes: {},
    });
    expect(costs[2]).toMatchObject({ model: undefined, lineItem: 'web search tool calls', amountUsd: 0.025 });
    expect(costs[3]).toMatchObject({
      day: '2024-11-02',
      model: 'gpt-4o-mini-2024-07-18',
      projectId: undefined,
    });
  });

  it('refuses a line billed in euros and an amount that is not a number, each at its line', async () => {
    const { rows, costs } = await readCosts(fixtureBytes('openai-costs-page.json'));
    expect(costs).toHaveLength(4);
    expect(errors(rows)).toEqual(['40: amount.currency', '46: amount.value']);
    const euro = rows.find((row) => row.error?.field === 'amount.currency');
    expect(euro?.error?.reason).toMatch(/"eur".*only bills in USD/);
  });

  it('reads the same page saved on one line (curl, json.dump)', async () => {
    const compact = Buffer.from(
      JSON.stringify(JSON.parse(fixtureBytes('openai-costs-page.json').toString())),
    );
    const { costs, rows } = await readCosts(compact);
    expect(costs.map((cost) => cost.amountUsd)).toEqual([0.06, 0.12, 0.025, 1.5]);
    expect(errors(rows)).toEqual(['1: amount.currency', '1: amount.value']);
  });
});

describe('OpenAI cost lines without an amount', () => {
  it('refuses a result whose amount is null or absent instead of reading a bill of $0', async () => {
    const bucket = {
      start_time: 1730419200,
      results: [{ amount: null, line_item: 'x' }, { line_item: 'y' }],
    };
    const { rows, costs } = await readCosts(Buffer.from(JSON.stringify(bucket)), 'openai_costs');
    expect(costs).toEqual([]);
    expect(errors(rows)).toEqual(['1: amount', '1: amount']);
  });
});

describe('OpenAI dashboard cost CSV', () => {
  it('reads daily totals and skips a day without cost', async () => {
    const { costs, progress } = await readCosts(fixtureBytes('openai-costs.csv'));
    expect(costs.map((cost) => [cost.day, cost.amountUsd, cost.model, cost.lineItem])).toEqual([
      ['2025-10-05', 0.895874, undefined, 'all costs'],
      ['2025-10-06', 0.56177125, undefined, 'all costs'],
      ['2025-10-10', 0.3409, undefined, 'all costs'],
    ]);
    expect(costs[0]?.attributes).toEqual({ organization_id: 'org-example' });
    expect(progress.skipped).toEqual({ 'no cost in this bucket': 1 });
  });

  it('refuses a row with a foreign currency or a missing start time', async () => {
    const csv =
      'start_time,end_time,amount_value,amount_currency,line_item\n' +
      '1759622400,1759708800,1.5,gbp,"gpt-4o, input"\n' +
      ',1759708800,2.5,usd,"gpt-4o, output"\n' +
      '1759622400,1759708800,3.5,usd,"gpt-4o, output"\n';
    const { rows, costs } = await readCosts(Buffer.from(csv));
    expect(errors(rows)).toEqual(['2: amount_currency', '3: start_time']);
    expect(costs).toMatchObject([{ model: 'gpt-4o', amountUsd: 3.5 }]);
  });
});

describe('Anthropic cost report', () => {
  it('reads amounts in cents as dollars, with model, workspace and the bill wording', async () => {
    const { costs, progress } = await readCosts(fixtureBytes('anthropic-cost-report.json'));
    expect(progress.format).toBe('anthropic_costs');
    expect(costs[0]).toEqual({
      day: '2025-08-01',
      periodStart: '2025-08-01T00:00:00.000Z',
      periodEnd: '2025-08-02T00:00:00.000Z',
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      lineItem: 'Claude Sonnet 4 Usage - Input Tokens',
      projectId: 'wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ',
      // "123.45" cents
      amountUsd: 1.2345,
      attributes: {
        cost_type: 'tokens',
        token_type: 'uncached_input_tokens',
        service_tier: 'standard',
        context_window: '0-200k',
      },
    });
    expect(costs[1]).toMatchObject({ model: undefined, lineItem: 'Web Search', amountUsd: 10 });
  });

  it('refuses a result without amount and one in yen, at their lines', async () => {
    const { rows, costs } = await readCosts(fixtureBytes('anthropic-cost-report.json'));
    expect(costs).toHaveLength(2);
    expect(errors(rows)).toEqual(['29: amount', '39: currency']);
  });
});

describe('cost export detection', () => {
  it('tells cost exports from the usage exports of the same providers', () => {
    expect(detectCostFormat(fixtureBytes('openai-costs-page.json').toString())).toBe('openai_costs');
    expect(detectCostFormat(fixtureBytes('openai-costs.csv').toString())).toBe('openai_costs');
    expect(detectCostFormat(fixtureBytes('anthropic-cost-report.json').toString())).toBe('anthropic_costs');
    for (const usage of [
      'openai-usage-page.json',
      'openai-usage.csv',
      'anthropic-usage-report.json',
      'anthropic-console-usage.csv',
      'litellm-spend-logs.json',
      'langfuse-observations.json',
      'canonical-events.jsonl',
    ]) {
      expect(detectCostFormat(fixtureBytes(usage).toString()), usage).toBeUndefined();
    }
  });

  it('sniffs an upload without losing a byte of it', async () => {
    const bytes = fixtureBytes('anthropic-cost-report.json');
    const sniffed = await sniffExport(chunksOf(bytes, 13));
    const replayed: Buffer[] = [];
    for await (const chunk of sniffed.input) {
      replayed.push(Buffer.from(chunk));
    }
    expect(sniffed.costFormat).toBe('anthropic_costs');
    expect(Buffer.concat(replayed).equals(bytes)).toBe(true);
  });

  it('has the usage reader refuse a cost export loudly instead of reading empty usage buckets', async () => {
    for (const name of ['openai-costs-page.json', 'openai-costs.csv', 'anthropic-cost-report.json']) {
      await expect(readAll([fixtureBytes(name)], { format: 'auto' }), name).rejects.toMatchObject({
        status: 400,
        code: 'ingestion_cost_export',
        message: expect.stringContaining('billed cost, not usage') as string,
      });
    }
  });

  it('sniffs a spreadsheet export that starts with a byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixtureBytes('openai-costs.csv')]);
    expect((await sniffExport(chunksOf(bytes, 2))).costFormat).toBe('openai_costs');
  });

  it('refuses to read a usage export as costs', async () => {
    await expect(readCosts(fixtureBytes('openai-usage-page.json'))).rejects.toMatchObject({
      code: 'ingestion_not_a_cost_export',
    });
  });
});
