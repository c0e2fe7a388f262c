/**
 * `netra analyze` end to end: the real CLI as a child process (embedded chdb, the import pipeline,
 * the engine) on small files written here, checking stdout, stderr, exit codes and --out files.
 * @module
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analysisReportSchema, type AnalysisReport } from '@netra/optimizer';
import { IsolatedEnvironment } from '@netra/shared/server';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('./netra.ts', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('../../bin/netra.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'netra-analyze-test-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runNode(args: readonly string[]): Promise<Run> {
  const env = IsolatedEnvironment.fromProcess({ dotenv: false }).withOverrides({ NO_COLOR: '1' });
  const child = spawn(process.execPath, args, { env: env.toRecord(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** The CLI from source, as the launcher runs it on a fresh clone. */
function netra(...args: string[]): Promise<Run> {
  return runNode(['--conditions=source', '--import', 'tsx', CLI, ...args]);
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const DAY_MS = 86_400_000;
const START = Date.parse('2025-02-03T00:00:00Z');

/** Three features over three days; faq-bot asks the same ten questions again and again. */
function canonicalEvents(): string[] {
  const events: object[] = [];
  for (let index = 0; index < 240; index += 1) {
    const feature = ['faq-bot', 'faq-bot', 'report-writer', 'triage'][index % 4] ?? 'faq-bot';
    events.push({
      event_id: `evt-${index}`,
      timestamp: new Date(START + Math.floor((index * 3 * DAY_MS) / 240)).toISOString(),
      provider: 'openai',
      model: feature === 'triage' ? 'gpt-4o-mini' : 'gpt-4o',
      input_tokens: 1_200 + (index % 7) * 40,
      output_tokens: 150 + (index % 5) * 10,
      latency_ms: 900,
      status: 'success',
      stream: true,
      max_tokens: 512,
      feature,
      prompt_hash: feature === 'faq-bot' ? `faq-${index % 10}` : `p-${index}`,
    });
  }
  return events.map((event) => JSON.stringify(event));
}

function parseReport(text: string): AnalysisReport {
  return analysisReportSchema.parse(JSON.parse(text));
}

describe('netra analyze', () => {
  it('analyzes a canonical NDJSON file and prints the text report', async () => {
    const path = file('usage.jsonl', `${canonicalEvents().join('\n')}\n`);
    const run = await netra('analyze', path);
    expect(run.stderr).toContain('imported 240 events from 240 rows (format canonical)');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Netra Apex — LLM spend analysis');
    expect(run.stdout).toContain('Spend by feature');
    for (const feature of ['faq-bot', 'report-writer', 'triage']) {
      expect(run.stdout).toContain(feature);
    }
    expect(run.stdout).toContain('Response caching — faq-bot · openai/gpt-4o');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('prints the §4.2 report as JSON with --json', async () => {
    const path = file('usage-json.jsonl', `${canonicalEvents().join('\n')}\n`);
    const run = await netra('analyze', path, '--json');
    expect(run.code).toBe(0);
    const report = parseReport(run.stdout);
    expect(report.baseline.requests).toBe(240);
    expect(report.baseline.by_feature.map((slice) => slice.key).sort()).toEqual([
      'faq-bot',
      'report-writer',
      'triage',
    ]);
    expect(report.opportunities.map((opportunity) => opportunity.id)).toContain(
      'response_caching:faq-bot:openai/gpt-4o',
    );
  });

  it('counts each event once when a file repeats events already loaded by the fast path', async () => {
    // Epoch-millisecond timestamps: the first copy takes the fast load, the second (every id
    // already stored) the JavaScript import, whose repeats the store collapses on read.
    const lines = canonicalEvents().map((line) => {
      const event = JSON.parse(line) as { timestamp: string };
      return JSON.stringify({ ...event, timestamp: Date.parse(event.timestamp) });
    });
    const path = file('usage-epoch.jsonl', `${lines.join('\n')}\n`);
    const run = await netra('analyze', path, path, '--json');
    expect(run.code).toBe(0);
    expect(parseReport(run.stdout).baseline.requests).toBe(240);
  });

  it('imports a CSV through --map and --model', async () => {
    const rows = Array.from(
      { length: 60 },
      (_, index) =>
        `${new Date(START + index * 3_600_000).toISOString()},${index % 2 === 0 ? 'search' : 'summaries'},${800 + index},${40 + index}`,
    );
    const path = file('usage.csv', `when,team,prompt_tokens,completion_tokens\n${rows.join('\n')}\n`);
    const map = 'when=timestamp,team=feature,prompt_tokens=input_tokens,completion_tokens=output_tokens';
    const run = await netra('analyze', path, '--map', map, '--model', 'gpt-4o-mini', '--json');
    expect(run.stderr).toContain('(format csv)');
    expect(run.code).toBe(0);
    const report = parseReport(run.stdout);
    expect(report.baseline.requests).toBe(60);
    expect(report.baseline.by_model.map((slice) => slice.key)).toEqual(['gpt-4o-mini']);
    expect(report.baseline.by_feature.map((slice) => slice.key).sort()).toEqual(['search', 'summaries']);
    expect(report.baseline.total_cost_usd).toBeGreaterThan(0);
  });

  it('reports malformed rows with their line numbers and analyzes the good ones', async () => {
    const good = canonicalEvents().slice(0, 100);
    const lines = [...good.slice(0, 2), '{"timestamp": "2025-02-03T00:00:00Z", broken', ...good.slice(2, 4)];
    lines.push(
      JSON.stringify({ timestamp: 'not a time', model: 'gpt-4o', input_tokens: 5, output_tokens: 1 }),
    );
    lines.push(...good.slice(4));
    const path = file('malformed.jsonl', `${lines.join('\n')}\n`);
    const run = await netra('analyze', path, '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('2 malformed rows not imported');
    expect(run.stderr).toMatch(/line 3: /);
    expect(run.stderr).toMatch(/line 6: timestamp/);
    expect(parseReport(run.stdout).baseline.requests).toBe(100);
  });

  it('exits 3 without a report for an empty file, saying there is no usage in it', async () => {
    const run = await netra('analyze', file('empty.jsonl', ''));
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('no usage was imported, so there is nothing to analyze and no report');
    expect(run.stderr).toMatch(/empty\.jsonl: no usage in this file/);
  });

  it('exits 3 without a report when every row is refused, listing the refused lines', async () => {
    const rows = ['{"timestamp": "soon", "model": "gpt-4o"}', '{"model": "gpt-4o", "input_tokens": -1}'];
    const run = await netra('analyze', file('all-refused.jsonl', `${rows.join('\n')}\n`), '--json');
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/line 1: timestamp/);
    expect(run.stderr).toContain('all-refused.jsonl: all 2 rows were refused');
  });

  it('writes --out files in the format their extension names', async () => {
    const path = file('usage-out.jsonl', `${canonicalEvents().join('\n')}\n`);
    const outputs = {
      md: join(dir, 'report.md'),
      html: join(dir, 'report.html'),
      json: join(dir, 'report.json'),
    };
    const runs = await Promise.all(Object.values(outputs).map((out) => netra('analyze', path, '--out', out)));
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Spend by feature');
    }
    expect(readFileSync(outputs.md, 'utf8')).toMatch(/^# Netra Apex — LLM spend analysis/);
    expect(readFileSync(outputs.md, 'utf8')).toContain('## Opportunities');
    expect(readFileSync(outputs.html, 'utf8')).toMatch(/^<!doctype html>/);
    expect(parseReport(readFileSync(outputs.json, 'utf8')).baseline.requests).toBe(240);
  });
});

/** An OpenAI Costs API page itemised by line item: `[day, line item, dollars]`. */
function costPage(lines: [string, string, number][]): string {
  const buckets = lines.map(([day, lineItem, value]) => ({
    object: 'bucket',
    start_time: Date.parse(`${day}T00:00:00Z`) / 1000,
    end_time: Date.parse(`${day}T00:00:00Z`) / 1000 + 86_400,
    results: [
      { object: 'organization.costs.result', amount: { value, currency: 'usd' }, line_item: lineItem },
    ],
  }));
  return JSON.stringify({ object: 'page', data: buckets, has_more: false });
}

describe('netra analyze with a cost export', () => {
  // gpt-4o-mini on 2025-02-03 in canonicalEvents(): $0.15 / $0.60 per Mtok; the bill adds $1.00 on top.
  const miniCost = (events: string[]) =>
    events
      .map(
        (line) =>
          JSON.parse(line) as {
            timestamp: string;
            model: string;
            input_tokens: number;
            output_tokens: number;
          },
      )
      .filter((event) => event.model === 'gpt-4o-mini' && event.timestamp.startsWith('2025-02-03'))
      .reduce((total, event) => total + event.input_tokens * 0.15e-6 + event.output_tokens * 0.6e-6, 0);

  it('imports usage and costs in one call and reconciles them per day × model (--json)', async () => {
    const events = canonicalEvents();
    const billed = miniCost(events) + 1;
    const usage = file('usage-with-bill.jsonl', `${events.join('\n')}\n`);
    const costs = file('costs.json', costPage([['2025-02-03', 'gpt-4o-mini-2024-07-18, input', billed]]));
    const run = await netra('analyze', usage, costs, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('costs.json: imported 1 billed cost line');
    const report = parseReport(run.stdout);
    expect(report.baseline.requests).toBe(240);
    const row = report.reconciliation?.rows.find(
      (item) => item.day === '2025-02-03' && item.model === 'gpt-4o-mini',
    );
    expect(row?.status).toBe('billed_more');
    expect(row?.usage_cost_usd).toBeCloseTo(miniCost(events), 9);
    expect(row?.gap_usd).toBeCloseTo(1, 9);
    expect(report.reconciliation?.missing.days_used_without_bill).toEqual(['2025-02-04', '2025-02-05']);
  });

  it('prints the reconciliation after the text report', async () => {
    const usage = file('usage-text.jsonl', `${canonicalEvents().join('\n')}\n`);
    const costs = file('costs-text.json', costPage([['2025-02-03', 'gpt-4.1, output', 2.5]]));
    const run = await netra('analyze', usage, costs);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Bill reconciliation (2025-02-03 – 2025-02-05)');
    expect(run.stdout).toMatch(
      /2025-02-03\s+openai\s+gpt-4\.1\s+-\s+0\.00\s+2\.50\s+\+2\.50\s+\+100\.0%\s+billed without usage/,
    );
    expect(run.stdout).toContain('models billed with no usage: openai/gpt-4.1');
  });

  it('adds the reconciliation to --out Markdown and HTML reports', async () => {
    const usage = file('usage-out-rec.jsonl', `${canonicalEvents().join('\n')}\n`);
    const costs = file('costs-out-rec.json', costPage([['2025-02-03', 'gpt-4.1, output', 2.5]]));
    const outputs = { md: join(dir, 'reconciled.md'), html: join(dir, 'reconciled.html') };
    const runs = await Promise.all(
      Object.values(outputs).map((out) => netra('analyze', usage, costs, '--out', out)),
    );
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    expect(readFileSync(outputs.md, 'utf8')).toContain('## Bill reconciliation (2025-02-03 – 2025-02-05)');
    expect(readFileSync(outputs.md, 'utf8')).toContain(
      '| 2025-02-03 | openai | gpt-4.1 | - | 0.00 | 2.50 | +2.50 |',
    );
    expect(readFileSync(outputs.html, 'utf8')).toMatch(/<section><pre>Bill reconciliation[^<]*gpt-4\.1/);
  });

  it('exits 3 for a cost export alone, with what it bills and what is needed', async () => {
    const costs = file('costs-alone.json', costPage([['2025-02-03', 'gpt-4o, input', 4.21]]));
    const run = await netra('analyze', costs);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Only cost exports were given');
    expect(run.stderr).toContain('The cost export bills $4.21 from 2025-02-03 to 2025-02-03');
  });

  it('refuses a cost line in another currency at its line and imports the rest', async () => {
    const page = JSON.parse(
      costPage([
        ['2025-02-03', 'gpt-4o, input', 1],
        ['2025-02-04', 'gpt-4o, input', 2],
      ]),
    ) as {
      data: { results: { amount: { currency: string } }[] }[];
    };
    const second = page.data[1]?.results[0];
    if (second !== undefined) {
      second.amount.currency = 'chf';
    }
    const usage = file('usage-chf.jsonl', `${canonicalEvents().join('\n')}\n`);
    const run = await netra('analyze', usage, file('costs-chf.json', JSON.stringify(page)), '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/line 1: amount\.currency: is "chf": only bills in USD/);
    expect(parseReport(run.stdout).reconciliation?.totals.billed_cost_usd).toBe(1);
  });
});

describe('netra analyze usage errors', () => {
  const existing = file('exists.jsonl', '');

  it.each([
    [['--bogus', existing], "'--bogus'"],
    [['--format', 'xml', existing], 'invalid --format "xml"'],
    [['--map', 'nocolumn', existing], 'invalid --map "nocolumn"'],
    [['--out', join(dir, 'report.pdf'), existing], 'invalid --out'],
    [[join(dir, 'missing.jsonl')], '<file>'],
    [[], 'missing <file>'],
  ])('exits 2 naming the argument: %j', async (args, named) => {
    const run = await netra('analyze', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(named);
    expect(run.stderr).toContain('usage: netra analyze <file>');
  });

  it('exits 2 for an unknown command, listing the commands', async () => {
    const run = await netra('frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toContain('analyze');
  });

  it('runs through the bin launcher', async () => {
    const run = await runNode([LAUNCHER, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('usage: netra <command>');
    expect(run.stdout).toMatch(/analyze\s+analyze a usage file/);
  });
});

describe('netra analyze on the Mooncake conversation trace', () => {
  const trace = fileURLToPath(
    new URL('../../../../datasets/mooncake/conversation_trace.jsonl', import.meta.url),
  );

  it('reports 29.3% 5-minute prefix reuse before the 1,024-token rule (±1 pp), and the share after it', async () => {
    const run = await netra(
      'analyze',
      trace,
      '--map',
      'input_length=input_tokens,output_length=output_tokens,hash_ids=prefix_hashes',
      '--model',
      'claude-sonnet-4-20250514',
      '--timestamp-base',
      '2025-02-21T00:00:00Z',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const report = analysisReportSchema.parse(JSON.parse(run.stdout));
    expect(report.baseline.requests).toBe(12_031);
    const caching = report.opportunities.find((opportunity) => opportunity.kind === 'prompt_caching');
    const evidence = caching?.evidence ?? {};
    expect(Math.abs(Number(evidence.reuse_share_before_min_rule) - 0.293)).toBeLessThanOrEqual(0.01);
    expect(Number(evidence.reuse_share)).toBeLessThan(Number(evidence.reuse_share_before_min_rule));
    expect(Number(evidence.reuse_share)).toBeGreaterThan(0.2);
  });

  it('refuses a --timestamp-base that is not an ISO date, naming it', async () => {
    const run = await netra('analyze', trace, '--timestamp-base', 'yesterday');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timestamp-base');
  });
});
