import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeOtlpJson } from './otlp-decoders.js';
import { convertSpans } from './otlp-traces.js';

const fixture = readFileSync(new URL('./fixtures/genai-trace.json', import.meta.url));

describe('OTLP/JSON decoding', () => {
  it('follows the OTLP/JSON rules: hex ids, int64 as text, AnyValue kinds, enum names, old field names', () => {
    const [chat, http] = decodeOtlpJson(fixture);
    expect(chat).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: undefined,
      startTimeUnixNano: 1748779200123456789n,
      statusCode: 2,
      statusMessage: 'overloaded_error',
      scopeName: 'opentelemetry.instrumentation.anthropic',
      resource: { 'service.name': 'checkout-assistant', 'deployment.environment': 'staging' },
    });
    expect(chat?.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 240,
      'gen_ai.usage.output_tokens': 512,
      'gen_ai.request.temperature': 0.7,
      'llm.is_streaming': true,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'app.request': { route: '/cart' },
    });
    expect(http).toMatchObject({ spanId: 'aaa19b7ec3c1b174', attributes: { 'http.request.method': 'GET' } });
  });

  it('maps the GenAI span of a hand-written export and counts the HTTP span as non-GenAI', () => {
    const result = convertSpans(decodeOtlpJson(fixture));
    expect(result).toMatchObject({ spans: 2, nonGenAi: 1, notModelCall: 0, rejected: [] });
    expect(result.records[0]?.record).toMatchObject({
      event_id: 'otel:5b8efff798038103d269b633813fc60c:eee19b7ec3c1b174',
      timestamp: '2025-06-01T12:00:00.123Z',
      provider: 'anthropic',
      model: 'claude-3-7-sonnet-20250219',
      // The instrumentation passed Anthropic's exclusive input: the cache read cannot fit inside it.
      input_tokens: 240 + 4096,
      cache_read_tokens: 4096,
      latency_ms: 3500,
      stream: true,
      status: 'error',
      error_type: 'overloaded_error',
      app: 'checkout-assistant',
      environment: 'staging',
      metadata: {
        request_model: 'claude-3-7-sonnet-latest',
        finish_reasons: 'end_turn',
        otel_provider: 'anthropic',
      },
    });
  });

  it('refuses bodies that are not an export request', () => {
    expect(() => decodeOtlpJson('{"resourceSpans": [')).toThrow(/not valid JSON/);
    expect(() => decodeOtlpJson('[1, 2]')).toThrow(/must be a JSON ExportTraceServiceRequest/);
  });
});
