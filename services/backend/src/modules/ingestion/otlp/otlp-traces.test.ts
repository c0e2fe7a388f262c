import { parseUsageEvent } from '@netra/shared';
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { convertOtlpTraces, type OtlpConversion } from './otlp-traces.js';

const START = Date.parse('2025-06-01T12:00:00.000Z');

const SPANS: { name: string; attributes: Attributes; error?: string; durationMs?: number }[] = [
  {
    name: 'chat gpt-4o',
    durationMs: 1234,
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
      'gen_ai.response.id': 'chatcmpl-1',
      'gen_ai.response.time_to_first_chunk': 0.25,
      'gen_ai.conversation.id': 'conv-1',
      'gen_ai.agent.name': 'Support Agent',
      'user.id': 'u-1',
    },
  },
  {
    name: 'chat claude',
    attributes: {
      'gen_ai.system': 'anthropic',
      'gen_ai.request.model': 'claude-sonnet-4-20250514',
      'gen_ai.usage.input_tokens': 3600,
      'gen_ai.usage.cache_read.input_tokens': 3000,
      'gen_ai.usage.cache_creation.input_tokens': 500,
      'gen_ai.usage.output_tokens': 80,
    },
  },
  {
    name: 'chat gpt-4o-mini',
    error: 'RateLimitError',
    attributes: {
      'gen_ai.provider.name': 'azure.ai.openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'error.type': 'RateLimitError',
    },
  },
  { name: 'GET /checkout', attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200 } },
  {
    name: 'execute_tool lookup',
    attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup' },
  },
  { name: 'chat ?', attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai' } },
  {
    name: 'invoke titan',
    attributes: {
      'gen_ai.provider.name': 'aws.bedrock',
      'gen_ai.request.model': 'amazon.titan-text-express-v1',
      'gen_ai.operation.name': 'text_completion',
      'gen_ai.usage.prompt_tokens': 40,
      'gen_ai.usage.completion_tokens': 12,
      'gen_ai.usage.cache_write.input_tokens': 8,
    },
  },
];

/** Records spans with the real SDK, as an application's tracer would. */
function recordSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'support-bot',
      'deployment.environment.name': 'production',
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('netra-test', '1.0.0');
  for (const spec of SPANS) {
    const span = tracer.startSpan(spec.name, {
      kind: SpanKind.CLIENT,
      startTime: START,
      attributes: spec.attributes,
    });
    if (spec.error !== undefined) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
    }
    span.end(START + (spec.durationMs ?? 500));
  }
  return exporter.getFinishedSpans();
}

const spans = recordSpans();
const viaJson = convertOtlpTraces(JsonTraceSerializer.serializeRequest(spans), 'application/json');
const viaProtobuf = convertOtlpTraces(
  ProtobufTraceSerializer.serializeRequest(spans),
  'application/x-protobuf; charset=binary',
);

const context = spans[0]!.spanContext();

/** What the first span (an OpenAI chat call) must become. */
const CHAT_RECORD = {
  event_id: `otel:${context.traceId}:${context.spanId}`,
  timestamp: '2025-06-01T12:00:00.000Z',
  provider: 'openai',
  model: 'gpt-4o-2024-08-06',
  operation: 'chat',
  input_tokens: 1500,
  output_tokens: 200,
  cache_read_tokens: 1024,
  cache_write_tokens: 0,
  reasoning_tokens: 50,
  latency_ms: 1234,
  ttft_ms: 250,
  stream: true,
  status: 'success',
  max_tokens: 512,
  temperature: 0.3,
  app: 'support-bot',
  environment: 'production',
  session_id: 'conv-1',
  user_id: 'u-1',
  feature: 'Support Agent',
  metadata: {
    source: 'otlp',
    trace_id: context.traceId,
    span_id: context.spanId,
    span_name: 'chat gpt-4o',
    scope: 'netra-test',
    finish_reasons: 'stop',
    response_id: 'chatcmpl-1',
    request_model: 'gpt-4o',
    otel_provider: 'openai',
    agent_name: 'Support Agent',
  },
};

function recordAt(result: OtlpConversion, index: number): Record<string, unknown> | undefined {
  return result.records.find((entry) => entry.index === index)?.record;
}

describe('OTLP GenAI spans → canonical records', () => {
  it('decodes protobuf and JSON requests from the real encoders to the same result', () => {
    expect(viaProtobuf).toEqual(viaJson);
  });

  it('maps a GenAI chat span: ids, timing, tokens, request parameters and attribution', () => {
    expect(recordAt(viaProtobuf, 0)).toEqual(CHAT_RECORD);
  });

  it('keeps inclusive input, maps the older gen_ai.system and legacy usage names, and errors', () => {
    expect(recordAt(viaJson, 1)).toMatchObject({
      provider: 'anthropic',
      input_tokens: 3600,
      cache_write_tokens: 500,
    });
    expect(recordAt(viaJson, 2)).toMatchObject({
      provider: 'azure',
      status: 'error',
      error_type: 'RateLimitError',
    });
    expect(recordAt(viaJson, 6)).toMatchObject({
      provider: 'bedrock',
      operation: 'completion',
      input_tokens: 40,
      output_tokens: 12,
      cache_write_tokens: 8,
    });
  });

  it('skips and counts non-GenAI and non-model-call spans, and rejects a model call with no model', () => {
    expect(viaJson).toMatchObject({ spans: 7, nonGenAi: 1, notModelCall: 1 });
    expect(viaJson.rejected).toEqual([
      expect.objectContaining({
        index: 5,
        field: 'gen_ai.request.model',
        spanId: spans[5]!.spanContext().spanId,
      }),
    ]);
    const parsed = viaJson.records.map((entry) => parseUsageEvent(entry.record, entry.index));
    expect(parsed.every((result) => result.ok)).toBe(true);
  });

  it('refuses other content types and bodies that are not protobuf', () => {
    expect(() => convertOtlpTraces(new Uint8Array([1]), 'text/plain')).toThrow(/OTLP accepts/);
    expect(() => convertOtlpTraces(new Uint8Array([0xff, 0xff, 0xff]), 'application/x-protobuf')).toThrow(
      /not a protobuf ExportTraceServiceRequest/,
    );
  });
});
