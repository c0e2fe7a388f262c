/**
 * Each OTLP corpus file (one per instrumentation, see README.md here) posted as it is to the real
 * backend's `POST /v1/traces` on the run's real stores, as OTLP/JSON and as the same request in
 * protobuf: the stored events, their tokens, provider,
 * model and cost, and what the response said about the spans it did not store. Costs are
 * computed here by hand from list prices per million tokens (input, cached input, cache write,
 * output), never read from the catalog.
 * @module
 */
import { readFile } from 'node:fs/promises';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTLP_TRACE_DESCRIPTOR } from '#modules/ingestion/otlp/otlp-trace-descriptor.js';
import type { UsageRow } from '#modules/usage/usage-row.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

/** One stored event, as the test expects it (tokens in the canonical inclusive convention). */
interface ExpectedEvent {
  provider: string;
  model: string;
  operation?: string;
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
  status?: 'success' | 'error';
  /** The request's output limit as stored (null: none), checked when given. */
  maxTokens?: number | null;
  /** Hand-computed; null when the model has no list price. */
  cost: number | null;
}

interface CorpusCase {
  file: string;
  /** In timestamp order. */
  events: ExpectedEvent[];
  skipped: number;
  wrappers: number;
  noUsage: number;
  /** Texts the OTLP partial-success message must contain (warnings for spans without usage). */
  warnings?: string[];
}

const M = 1e6;

const CASES: CorpusCase[] = [
  {
    // OpenLIT writes max_tokens -1 when the request set none: read as no limit, not refused.
    file: 'openlit-openai.otlp.json',
    events: [
      {
        provider: 'openai',
        model: 'gpt-4o-mini-2024-07-18',
        input: 2000,
        output: 300,
        cacheRead: 1024,
        maxTokens: null,
        // gpt-4o-mini: $0.15 input, $0.075 cached input, $0.60 output per 1M.
        cost: ((2000 - 1024) * 0.15) / M + (1024 * 0.075) / M + (300 * 0.6) / M,
      },
      {
        provider: 'openai',
        model: 'gpt-4o-mini-2024-07-18',
        input: 850,
        output: 120,
        maxTokens: 256,
        cost: (850 * 0.15) / M + (120 * 0.6) / M,
      },
    ],
    skipped: 0,
    wrappers: 0,
    noUsage: 0,
  },
  {
    // Recorded Anthropic responses: 4 uncached + 1163 written, then 4 uncached + 1163 read.
    file: 'openllmetry-anthropic-prompt-caching.otlp.json',
    events: [
      {
        provider: 'anthropic',
        model: 'claude-3-5-sonnet-20240620',
        input: 1167,
        output: 187,
        cacheWrite: 1163,
        // Claude 3.5 Sonnet: $3 input, $3.75 5-minute cache write, $0.30 cache read, $15 output per 1M.
        cost: (4 * 3) / M + (1163 * 3.75) / M + (187 * 15) / M,
      },
      {
        provider: 'anthropic',
        model: 'claude-3-5-sonnet-20240620',
        input: 1167,
        output: 202,
        cacheRead: 1163,
        cost: (4 * 3) / M + (1163 * 0.3) / M + (202 * 15) / M,
      },
    ],
    skipped: 0,
    wrappers: 0,
    noUsage: 0,
  },
  {
    // Five provider calls (doGenerate ×3, doStream, doEmbed) and their five ai.* wrappers.
    file: 'vercel-ai-sdk-v6.otlp.json',
    events: [
      vercelChat(14, 20),
      vercelChat(50, 9),
      vercelChat(63, 156),
      vercelChat(15, 112),
      {
        provider: 'openai',
        model: 'text-embedding-3-small',
        operation: 'embedding',
        input: 10,
        output: 0,
        // text-embedding-3-small: $0.02 per 1M input tokens.
        cost: (10 * 0.02) / M,
      },
    ],
    skipped: 5,
    wrappers: 5,
    noUsage: 0,
  },
  {
    // OpenInference LLM span under two AGENT spans and a TOOL span.
    file: 'openinference-openai-agents.otlp.json',
    events: [
      {
        provider: 'openai',
        model: 'gpt-4',
        input: 1000,
        output: 500,
        cacheRead: 100,
        reasoning: 50,
        // gpt-4: $30 input (no cached-input discount), $60 output per 1M.
        cost: (1000 * 30) / M + (500 * 60) / M,
      },
    ],
    skipped: 3,
    wrappers: 0,
    noUsage: 0,
  },
  {
    // The agent run repeats its one chat call's usage: only the chat call is counted.
    file: 'pydantic-ai.otlp.json',
    events: [
      {
        provider: 'openai',
        model: 'gpt-4o-2024-11-20',
        input: 100,
        output: 200,
        cacheRead: 20,
        cacheWrite: 10,
        reasoning: 30,
        // gpt-4o: $2.50 input (cache writes too), $1.25 cached input, $10 output per 1M — the
        // $0.002225 Pydantic AI itself wrote as operation.cost.
        cost: (70 * 2.5) / M + (20 * 1.25) / M + (10 * 2.5) / M + (200 * 10) / M,
      },
    ],
    skipped: 1,
    wrappers: 1,
    noUsage: 0,
  },
  {
    // call_llm with usage; call_llm without usage (warned, not stored); a rate-limited
    // generate_content kept as an unbilled failure; agent, tool and workflow spans skipped.
    file: 'google-adk.otlp.json',
    events: [
      {
        provider: 'google',
        model: 'gemini-pro',
        input: 50,
        // Gemini bills thinking tokens as output: 50 candidates + 10 thoughts.
        output: 60,
        reasoning: 10,
        // gemini-pro: $0.125 input, $0.375 output per 1M.
        cost: (50 * 0.125) / M + (60 * 0.375) / M,
      },
      { provider: 'google', model: 'gemini-2.5-flash', input: 0, output: 0, status: 'error', cost: 0 },
    ],
    skipped: 6,
    wrappers: 0,
    noUsage: 1,
    warnings: ['span 2 (call_llm): a model call without token usage, not stored'],
  },
  {
    // A nested agent run (agent span repeating its chat call's usage) and a lone .NET agent span
    // with usage: one event, for a test model no price list knows.
    file: 'microsoft-agent-framework.otlp.json',
    events: [{ provider: 'unknown', model: 'NestedModel', input: 11, output: 22, cost: null }],
    skipped: 2,
    wrappers: 2,
    noUsage: 0,
  },
];

/** gpt-4o-mini through the Vercel AI SDK's OpenAI Responses provider: $0.15 / $0.60 per 1M. */
function vercelChat(input: number, output: number): ExpectedEvent {
  const cost = (input * 0.15) / M + (output * 0.6) / M;
  return { provider: 'openai', model: 'gpt-4o-mini-2024-07-18', operation: 'chat', input, output, cost };
}

let backend: BackendTestApp;

beforeAll(async () => {
  backend = await startBackendTestApp();
});

afterAll(async () => {
  await backend.close();
});

type Encoding = 'json' | 'protobuf';

const requestType = protobuf.Root.fromJSON(OTLP_TRACE_DESCRIPTOR).lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
);

/** OTLP/JSON ids are hex; protobuf carries bytes (base64 in protobufjs' object form). */
function withBase64Ids(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withBase64Ids);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) =>
      ['traceId', 'spanId', 'parentSpanId'].includes(key) && typeof item === 'string'
        ? [key, Buffer.from(item, 'hex').toString('base64')]
        : [key, withBase64Ids(item)],
    ),
  );
}

/** The same export request as the protobuf body an OTLP/HTTP protobuf exporter sends. */
function protobufOf(json: string): Buffer {
  const message = requestType.fromObject(withBase64Ids(JSON.parse(json)) as Record<string, unknown>);
  return Buffer.from(requestType.encode(message).finish());
}

async function postCorpusFile(file: string, encoding: Encoding = 'json') {
  const { orgId, key } = await newTestOrganization(backend, 'otlp-corpus');
  const json = await readFile(new URL(`./${file}`, import.meta.url), 'utf8');
  const contentType = encoding === 'json' ? 'application/json' : 'application/x-protobuf';
  const response = await backend.app.inject({
    method: 'POST',
    url: '/v1/traces',
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
    payload: encoding === 'json' ? json : protobufOf(json),
  });
  return { orgId, response };
}

const sumOf = (values: readonly (number | null)[]) =>
  values.reduce<number>((sum, value) => sum + (value ?? 0), 0);

function expectStored(row: UsageRow, expected: ExpectedEvent | undefined): void {
  expect(expected).toBeDefined();
  expect(row).toMatchObject({
    source: 'otlp',
    provider: expected?.provider,
    model: expected?.model,
    operation: expected?.operation ?? row.operation,
    input_tokens: expected?.input,
    output_tokens: expected?.output,
    cache_read_tokens: expected?.cacheRead ?? 0,
    cache_write_tokens: expected?.cacheWrite ?? 0,
    reasoning_tokens: expected?.reasoning ?? 0,
    status: expected?.status ?? 'success',
  });
  if (expected?.maxTokens !== undefined) {
    expect(row.max_tokens).toBe(expected.maxTokens);
  }
  if (expected?.cost === null) {
    expect(row.cost_usd).toBeNull();
  } else {
    expect(row.cost_usd).toBeCloseTo(expected?.cost ?? Number.NaN, 12);
  }
}

describe.each(CASES)('OTLP corpus $file', (corpus) => {
  it.each<Encoding>(['json', 'protobuf'])(
    'stores the model calls with their tokens, provider, model and list-price cost (%s)',
    async (encoding) => {
      const { orgId, response } = await postCorpusFile(corpus.file, encoding);
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-netra-accepted-spans']).toBe(String(corpus.events.length));
      const stored = (await backend.backend.usage.listEvents(orgId)).sort(
        (a, b) => a.timestamp.getTime() - b.timestamp.getTime(),
      );
      expect(stored).toHaveLength(corpus.events.length);
      stored.forEach((row, index) => {
        expectStored(row, corpus.events[index]);
      });
      const summary = await backend.backend.usage.costSummary(orgId, {});
      expect(summary.requests).toBe(corpus.events.length);
      expect(summary.total_cost_usd).toBeCloseTo(sumOf(corpus.events.map((event) => event.cost)), 12);
    },
  );

  it('says which spans it skipped, why, and refuses none', async () => {
    const { response } = await postCorpusFile(corpus.file);
    expect(response.headers['x-netra-skipped-spans']).toBe(String(corpus.skipped));
    expect(response.headers['x-netra-wrapper-spans']).toBe(String(corpus.wrappers));
    expect(response.headers['x-netra-no-usage-spans']).toBe(String(corpus.noUsage));
    const body = response.json<{ partialSuccess?: { rejectedSpans: string; errorMessage: string } }>();
    if (corpus.warnings === undefined) {
      expect(body).toEqual({});
      return;
    }
    expect(body.partialSuccess?.rejectedSpans).toBe('0');
    for (const warning of corpus.warnings) {
      expect(body.partialSuccess?.errorMessage).toContain(warning);
    }
  });
});
