import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { OTLP_TRACE_DESCRIPTOR } from './otlp-trace-descriptor.js';

const PROTO_DIR = fileURLToPath(new URL('./proto/', import.meta.url));

describe('OTLP trace descriptor', () => {
  it('is exactly what the vendored opentelemetry-proto files compile to', () => {
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => `${PROTO_DIR}${target}`;
    root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto');
    const compiled = JSON.stringify(root.toJSON());
    // On a mismatch, paste the printed value into otlp-trace-descriptor.ts.
    expect(JSON.stringify(OTLP_TRACE_DESCRIPTOR), compiled).toBe(compiled);
  });
});
