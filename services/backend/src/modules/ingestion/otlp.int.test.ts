/**
 * `POST /v1/traces` fed by the real OpenTelemetry SDK and OTLP/HTTP exporters (JSON and protobuf)
 * over a real socket: GenAI spans become priced usage events, other spans are skipped and counted,
 * bad spans come back as an OTLP partial success, wrong keys are refused, re-exports add nothing.
 * @module
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { createPriceCatalog } from '@netra/optimizer';
import { diag, DiagLogLevel, type Attributes } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

type Encoding = 'json' | 'protobuf';
type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];
interface SpanSpec {
  name: string;
  attributes: Attributes;
}
/** One request of an exporter and the backend's response, as Node's HTTP client saw them. */
interface Exchange {
  request: ClientRequest;
  response: IncomingMessage;
}
interface Exported {
  spans: ReadableSpan[];
  results: ExportResult[];
  exchanges: Exchange[];
}

const START = Date.parse('2025-06-05T14:00:00.000Z');
const catalog = createPriceCatalog();
let backend: BackendTestApp;
let tracesUrl: string;
/** The exporters' requests and the backend's responses, seen on Node's HTTP client diagnostics channel. */
const exchanges: Exchange[] = [];
/** What the exporters log through the OpenTelemetry diagnostics (partial successes are warnings). */
const warnings: string[] = [];

function onResponse(message: unknown): void {
  const exchange = message as Exchange;
  if (exchange.request.path === '/v1/traces') {
    exchanges.push(exchange);
  }
}

beforeAll(async () => {
  backend = await startBackendTestApp();
  tracesUrl = `${await backend.app.listen({ port: 0, host: '127.0.0.1' })}/v1/traces`;
  subscribe('http.client.response.finish', onResponse);
  const record = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  const ignore = () => undefined;
  const logger = { error: record, warn: record, info: ignore, debug: ignore, verbose: ignore };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
});

afterAll(async () => {
  diag.disable();
  unsubscribe('http.client.response.finish', onResponse);
  await backend.close();
});

function exporterFor(encoding: Encoding, key: string, compression = CompressionAlgorithm.NONE): SpanExporter {
  const options = { url: tracesUrl, headers: { Authorization: `Bearer ${key}` }, compression };
  return encoding === 'json' ? new JsonTraceExporter(options) : new ProtobufTraceExporter(options);
}

/** Sends already recorded spans through a new exporter, as a re-export after a retry would. */
async function exportAgain(encoding: Encoding, key: string, spans: ReadableSpan[]): Promise<Exported> {
  const exporter = exporterFor(encoding, key);
  const seen = exchanges.length;
  const result = await new Promise<ExportResult>((resolve) => {
    exporter.export(spans, resolve);
  });
  await exporter.shutdown();
  return { spans, results: [result], exchanges: exchanges.slice(seen) };
}

/** The exporter, with every export result it reports kept in `results`. */
function observing(exporter: SpanExporter, results: ExportResult[]): SpanExporter {
  return {
    export: (spans, done) => {
      exporter.export(spans, (result) => {
        results.push(result);
        done(result);
      });
    },
    shutdown: () => exporter.shutdown(),
  };
}

/** Records the spans with the SDK, as an instrumented application would, and exports them in one batch. */
async function traceAndExport(encoding: Encoding, key: string, specs: SpanSpec[], gzip = false) {
  const results: ExportResult[] = [];
  const exporter = exporterFor(encoding, key, gzip ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE);
  const recorder = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'checkout',
      'deployment.environment.name': 'staging',
    }),
    spanProcessors: [new SimpleSpanProcessor(recorder), new BatchSpanProcessor(observing(exporter, results))],
  });
  const tracer = provider.getTracer('netra-int-test');
  specs.forEach((spec, index) => {
    const startTime = START + index * 1000;
    tracer.startSpan(spec.name, { attributes: spec.attributes, startTime }).end(startTime + 750);
  });
  const seen = exchanges.length;
  // A refused export rejects the flush; the results and the responses tell what happened.
  await provider.forceFlush().catch(() => undefined);
  const spans = recorder.getFinishedSpans();
  await provider.shutdown();
  return { spans, results, exchanges: exchanges.slice(seen) } satisfies Exported;
}

const eventId = (span: ReadableSpan) => `otel:${span.spanContext().traceId}:${span.spanContext().spanId}`;
const header = (exported: Exported, name: string) =>
  exported.exchanges.map(({ response }) => response.headers[name]);

const GPT: SpanSpec = {
  name: 'chat gpt-4o',
  attributes: {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.response.model': 'gpt-4o-2024-08-06',
    'gen_ai.usage.input_tokens': 1500,
    'gen_ai.usage.output_tokens': 200,
    'gen_ai.usage.cache_read.input_tokens': 1024,
    'gen_ai.usage.reasoning.output_tokens': 50,
    'gen_ai.request.max_tokens': 512,
    'gen_ai.request.temperature': 0.3,
    'gen_ai.response.finish_reasons': ['stop'],
  },
};
const CLAUDE: SpanSpec = {
  name: 'chat claude-sonnet-4',
  attributes: {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.request.model': 'claude-sonnet-4-20250514',
    'gen_ai.usage.input_tokens': 3600,
    'gen_ai.usage.cache_read.input_tokens': 3000,
    'gen_ai.usage.cache_creation.input_tokens': 500,
    'gen_ai.usage.output_tokens': 80,
    'gen_ai.request.max_tokens': 1024,
    'gen_ai.response.finish_reasons': ['end_turn', 'max_tokens'],
  },
};
const HTTP_SPAN: SpanSpec = {
  name: 'GET /checkout',
  attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200 },
};
const DB_SPAN: SpanSpec = { name: 'SELECT orders', attributes: { 'db.system.name': 'postgresql' } };
const TOOL_SPAN: SpanSpec = {
  name: 'execute_tool lookup',
  attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup' },
};
const TRACE = [GPT, HTTP_SPAN, CLAUDE, DB_SPAN, TOOL_SPAN];

/** Netra's price of a GenAI span's usage, straight from the catalog. */
function catalogCost(provider: string, model: string, index: number, tokens: number[]): number | null {
  const [input = 0, output = 0, cacheRead = 0, cacheWrite = 0, reasoning = 0] = tokens;
  return catalog.price({
    provider,
    model,
    timestamp: new Date(START + index * 1000),
    usage: {
      input_tokens: input,
      output_tokens: output,
      cache_read_tokens: cacheRead,
      cache_write_tokens: cacheWrite,
      reasoning_tokens: reasoning,
    },
  }).costUsd;
}

describe.each<Encoding>(['json', 'protobuf'])('POST /v1/traces from the %s exporter', (encoding) => {
  /** Exports the sample trace to a new organization; the model calls are spans 0 and 2. */
  async function exportTrace() {
    const { orgId, key } = await newTestOrganization(backend, `otlp-${encoding}`);
    const exported = await traceAndExport(encoding, key, TRACE);
    expect(exported.results).toEqual([{ code: 0 }]);
    return { orgId, exported, ids: exported.spans.map(eventId) };
  }

  it('stores the GenAI model calls and skips the other spans, saying so in its headers', async () => {
    const { orgId, exported, ids } = await exportTrace();
    expect(header(exported, 'x-netra-accepted-spans')).toEqual(['2']);
    expect(header(exported, 'x-netra-skipped-spans')).toEqual(['3']);
    expect(await backend.backend.usage.countEvents(orgId)).toBe(2);
    const stored = await backend.backend.usage.findEventsById(orgId, ids);
    expect(stored.map((row) => row.event_id)).toEqual([ids[0], ids[2]]);
  });

  it('keeps each model call’s tokens, request details and attribution, priced by the catalog', async () => {
    const { orgId, ids } = await exportTrace();
    const [gpt, claude] = await backend.backend.usage.findEventsById(orgId, [ids[0]!, ids[2]!]);
    expect(gpt).toMatchObject({
      source: 'otlp',
      provider: 'openai',
      model: 'gpt-4o-2024-08-06',
      operation: 'chat',
    });
    expect(gpt).toMatchObject({ input_tokens: 1500, output_tokens: 200, cache_read_tokens: 1024 });
    expect(gpt).toMatchObject({ reasoning_tokens: 50, max_tokens: 512, temperature: 0.3, latency_ms: 750 });
    expect(gpt).toMatchObject({ app: 'checkout', environment: 'staging', timestamp: new Date(START) });
    expect(gpt?.metadata).toMatchObject({ finish_reasons: 'stop', request_model: 'gpt-4o' });
    const gptCost = catalogCost('openai', 'gpt-4o-2024-08-06', 0, [1500, 200, 1024, 0, 50]);
    expect(gpt?.cost_usd).toBeCloseTo(gptCost!, 12);
    expect(claude).toMatchObject({
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      max_tokens: 1024,
    });
    expect(claude).toMatchObject({ input_tokens: 3600, cache_read_tokens: 3000, cache_write_tokens: 500 });
    expect(claude?.metadata.finish_reasons).toBe('end_turn,max_tokens');
    const claudeCost = catalogCost('anthropic', 'claude-sonnet-4-20250514', 2, [3600, 80, 3000, 500, 0]);
    expect(claude?.cost_usd).toBeCloseTo(claudeCost!, 12);
  });

  it('answers spans with bad attributes with an OTLP partial success and stores the good ones', async () => {
    const { orgId, key } = await newTestOrganization(backend, `partial-${encoding}`);
    const notACount = { ...GPT, attributes: { ...GPT.attributes, 'gen_ai.usage.input_tokens': 'many' } };
    const tooHot = { ...CLAUDE, attributes: { ...CLAUDE.attributes, 'gen_ai.request.temperature': 50 } };
    const warned = warnings.length;
    const exported = await traceAndExport(encoding, key, [GPT, notACount, HTTP_SPAN, tooHot]);
    expect(exported.results).toEqual([{ code: 0 }]);
    expect(header(exported, 'x-netra-accepted-spans')).toEqual(['1']);
    const partial = warnings.slice(warned).filter((warning) => warning.includes('Partial Success'));
    expect(partial).toHaveLength(1);
    const reported = JSON.parse(partial[0]!.slice(partial[0]!.indexOf('{'))) as Record<string, unknown>;
    expect(Number(reported.rejectedSpans)).toBe(2);
    expect(reported.errorMessage).toContain('span 1: gen_ai.usage.input_tokens');
    expect(reported.errorMessage).toContain('span 3: temperature');
    const stored = await backend.backend.usage.listEvents(orgId);
    expect(stored.map((row) => row.event_id)).toEqual([eventId(exported.spans[0]!)]);
  });
});

describe('POST /v1/traces authentication, compression and idempotency', () => {
  it('refuses an export with a wrong key with 401 and stores nothing', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'otlp-wrong-key');
    const wrongKey = `${key.slice(0, 14)}${'x'.repeat(43)}`;
    for (const encoding of ['json', 'protobuf'] as const) {
      const exported = await traceAndExport(encoding, wrongKey, [GPT, CLAUDE]);
      expect(exported.results.map((result) => result.code)).toEqual([1]);
      expect(exported.exchanges.map(({ response }) => response.statusCode)).toEqual([401]);
    }
    expect(await backend.backend.usage.countEvents(orgId)).toBe(0);
  });

  it('accepts gzip-compressed exports in both encodings', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'otlp-gzip');
    const exports = [await traceAndExport('json', key, [GPT, HTTP_SPAN], true)];
    exports.push(await traceAndExport('protobuf', key, [CLAUDE], true));
    const sent = exports.flatMap((exported) => exported.exchanges.map(({ request }) => request));
    expect(sent.map((request) => request.getHeader('content-encoding'))).toEqual(['gzip', 'gzip']);
    expect(exports.map((exported) => exported.results)).toEqual([[{ code: 0 }], [{ code: 0 }]]);
    expect(exports.map((exported) => header(exported, 'x-netra-accepted-spans'))).toEqual([['1'], ['1']]);
    const ids = exports.map((exported) => eventId(exported.spans[0]!));
    expect(await backend.backend.usage.findEventsById(orgId, ids)).toHaveLength(2);
    expect(await backend.backend.usage.countEvents(orgId)).toBe(2);
  });

  it('adds nothing when the same spans are exported again, in either encoding', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'otlp-again');
    const first = await traceAndExport('protobuf', key, TRACE);
    expect(first.results).toEqual([{ code: 0 }]);
    const before = await backend.backend.usage.costSummary(orgId, {});
    expect(before.requests).toBe(2);
    for (const encoding of ['protobuf', 'json'] as const) {
      const again = await exportAgain(encoding, key, first.spans);
      expect(again.results).toEqual([{ code: 0 }]);
      expect(header(again, 'x-netra-accepted-spans')).toEqual(['2']);
    }
    expect(await backend.backend.usage.costSummary(orgId, {})).toEqual(before);
  });
});
