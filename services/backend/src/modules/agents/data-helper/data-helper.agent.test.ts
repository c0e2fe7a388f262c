import { Readable } from 'node:stream';
import { parseUsageEvent } from '@netra/shared';
import { dataRequestSchema } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import type { PreviousRun } from '#modules/agents/agent.js';
import { triageAgent } from '#modules/agents/triage/triage.agent.js';
import { unitContext, unitDeps } from '#test-support/agents/triage-test-support.js';
import type { SufficiencyResult } from '#modules/agents/workflow-state.js';
import { convertOtlpTraces } from '#modules/ingestion/otlp/otlp-traces.js';
import { createFileProgress } from '#modules/ingestion/formats/file-format.types.js';
import { readUsageFile } from '#modules/ingestion/formats/read-usage-file.js';
import { dataHelperAgent } from './data-helper.agent.js';
import { SNIPPET_ATTRIBUTES } from './otel-snippet.js';

const BASE = 'https://netra.example.com/';

async function helpFor(text: string, sufficiency?: SufficiencyResult, previous: PreviousRun | null = null) {
  const deps = unitDeps({ publicApiUrl: BASE });
  const { context, events } = unitContext(text, previous);
  const triage = await triageAgent.run({ text, previous }, context, deps);
  events.length = 0;
  const request = await dataHelperAgent.run({ triage, sufficiency }, context, deps);
  expect(dataRequestSchema.safeParse(request).success).toBe(true);
  return { request, events };
}

async function readCsv(text: string) {
  const rows = [];
  for await (const row of readUsageFile(Readable.from([text]), {
    format: 'auto',
    progress: createFileProgress(),
  })) {
    rows.push(row);
  }
  return rows;
}

const PARTIAL: SufficiencyResult = {
  level: 'partial',
  workflow: 'partial',
  scope: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
  requests: 420,
  quality: {
    sufficiency: 'partial',
    completeness: 0.55,
    missing: [
      { field: 'events', why: 'fewer than 1,000 requests make shares and percentiles noisy' },
      { field: 'prompt_hash', why: 'without prompt_hash, repeated requests cannot be found' },
      { field: 'feature', why: 'without a feature name, opportunities cannot be scoped' },
    ],
    notes: [],
  },
  stated_baseline: null,
  reasons: [],
};

/** An OTLP/JSON export of one span carrying the snippet's attributes, 840 ms long. */
function snippetSpanExport() {
  const attributes = Object.entries(SNIPPET_ATTRIBUTES).map(([key, value]) => ({
    key,
    value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
  }));
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'my-app' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: '0af7651916cd43dd8448eb211c80319c',
                spanId: 'b7ad6b7169203331',
                name: 'chat gpt-4o-mini',
                startTimeUnixNano: '1765000000000000000',
                endTimeUnixNano: '1765000000840000000',
                attributes,
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('data helper: the organization’s own ingestion', () => {
  it('builds every URL on the public base URL and every snippet on them', async () => {
    const { request } = await helpFor('Help me reduce my AI costs by 30%');
    expect(request.ingestion).toEqual({
      events_url: 'https://netra.example.com/api/v1/ingest/events',
      files_url: 'https://netra.example.com/api/v1/ingest/files',
      otlp_traces_url: 'https://netra.example.com/v1/traces',
    });
    const otel = request.sources.find((source) => source.source === 'opentelemetry');
    expect(otel?.snippet).toContain('endpoint="https://netra.example.com/v1/traces"');
    expect(otel?.snippet).toContain('"Authorization": "Bearer " + os.environ["NETRA_API_KEY"]');
    expect(otel?.snippet).not.toContain('{{');
    for (const attribute of Object.keys(SNIPPET_ATTRIBUTES)) {
      expect(otel?.snippet).toContain(`"${attribute}"`);
    }
    for (const source of request.sources.filter((entry) => entry.source !== 'opentelemetry')) {
      expect(source.steps.join(' '), source.source).toContain('https://netra.example.com/');
    }
  });

  it('gives a CSV template that the generic CSV reader turns into a valid event', async () => {
    const { request } = await helpFor('Our chatbot on claude sonnet 4 is too expensive');
    const rows = await readCsv(request.csv_template);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.error).toBeUndefined();
    const parsed = parseUsageEvent(rows[0]?.record, 0);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    expect(rows[0]?.record).toMatchObject({
      model: 'claude-sonnet-4-0',
      provider: 'anthropic',
      feature: 'chatbot',
      input_tokens: 1850,
      cache_read_tokens: 1024,
      prefix_hashes: ['3f9a01', '3f9a01b7'],
      status: 'success',
    });
  });

  it('sets in its snippet exactly the span attributes the OTLP mapper reads', () => {
    const body = snippetSpanExport();
    const conversion = convertOtlpTraces(body, 'application/json');
    expect(conversion.records).toHaveLength(1);
    expect(conversion.records[0]?.record).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      feature: 'support-chat',
      input_tokens: 1850,
      output_tokens: 320,
      cache_read_tokens: 1024,
      latency_ms: 840,
    });
  });
});

describe('data helper: tailored to the request', () => {
  it('lists the sources of the providers named first, in the order named', async () => {
    const { request } = await helpFor('We use Claude through Bedrock and GPT-4o on Azure; cut costs');
    expect(request.sources.slice(0, 4).map((source) => source.source)).toEqual([
      'anthropic',
      'azure_openai',
      'bedrock',
      'openai',
    ]);
    expect(new Set(request.sources.map((source) => source.source)).size).toBe(request.sources.length);
  });

  it('puts OpenTelemetry and the CSV template first when nothing is named, and names gateways', async () => {
    const plain = await helpFor('How can we save money?');
    expect(plain.request.sources.slice(0, 2).map((source) => source.source)).toEqual([
      'opentelemetry',
      'csv',
    ]);
    const gateway = await helpFor('Everything goes through our LiteLLM proxy, traced in Langfuse');
    expect(gateway.request.sources.slice(0, 2).map((source) => source.source)).toEqual([
      'litellm',
      'langfuse',
    ]);
  });

  it('covers every source of the issue', async () => {
    const { request } = await helpFor('reduce costs');
    expect(request.sources.map((source) => source.source).sort()).toEqual(
      [
        'anthropic',
        'azure_openai',
        'bedrock',
        'csv',
        'langfuse',
        'litellm',
        'openai',
        'opentelemetry',
        'vertex_ai',
      ].sort(),
    );
  });

  it('asks for the required fields first, then what the current data lacks, with the engine’s reason', async () => {
    const { request } = await helpFor('reduce costs', PARTIAL);
    const names = request.fields.map((field) => field.field);
    expect(names.slice(0, 4)).toEqual(['timestamp', 'model', 'input_tokens', 'output_tokens']);
    expect(names.slice(4, 6)).toEqual(['feature', 'prompt_hash']);
    expect(request.fields.find((field) => field.field === 'prompt_hash')?.why).toContain(
      'Missing from your current data: without prompt_hash',
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'cache_read_tokens',
        'cache_write_tokens',
        'latency_ms',
        'status',
        'prefix_hashes',
      ]),
    );
    expect(request.summary).toMatch(
      /^Your 420 stored requests allow figures with caveats\. Add prompt_hash, feature to firm them up/,
    );
  });

  it('asks for 30 days, or the longer period the user asked about', async () => {
    expect((await helpFor('reduce costs')).request.period.days).toBe(30);
    expect((await helpFor('reduce costs over the last 60 days')).request.period.days).toBe(60);
    expect((await helpFor('costs over the last 400 days')).request.period.days).toBe(90);
  });

  it('works from a stated spend in the summary and explains itself in events', async () => {
    const guidance: SufficiencyResult = {
      ...PARTIAL,
      level: 'insufficient',
      workflow: 'insufficient',
      requests: 0,
      stated_baseline: { monthly_cost_usd: 5000, models: ['gpt-4'] },
    };
    const { request, events } = await helpFor("I'm spending $5000/month on GPT-4", guidance);
    expect(request.summary).toMatch(/^No usage data is stored for this organization yet\./);
    expect(request.summary).toContain('the quickest route for you: OpenAI: Usage API or dashboard export');
    expect(request.summary).toContain('the $5,000/month you stated');
    expect(events.map((event) => event.kind)).toEqual(['tool', 'thinking']);
  });
});
