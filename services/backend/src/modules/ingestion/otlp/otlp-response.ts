import protobuf from 'protobufjs';

/**
 * `ExportTraceServiceResponse` with its `partial_success` field (OTLP ≥ 0.19), which the vendored
 * request protos predate: field 1 `ExportTracePartialSuccess { int64 rejected_spans = 1; string
 * error_message = 2; }`.
 */
const root = protobuf.Root.fromJSON({
  nested: {
    ExportTracePartialSuccess: {
      fields: { rejectedSpans: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } },
    },
    ExportTraceServiceResponse: {
      fields: { partialSuccess: { type: 'ExportTracePartialSuccess', id: 1 } },
    },
  },
});
const responseType = root.lookupType('ExportTraceServiceResponse');

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** The response body for a protobuf export request; empty when every span was accepted. */
export function encodeExportResponse(partial: PartialSuccess | undefined): Uint8Array {
  const message = partial === undefined ? {} : { partialSuccess: partial };
  return responseType.encode(responseType.fromObject(message)).finish();
}

/** The response body for a JSON export request (OTLP JSON: int64 as a string). */
export function exportResponseJson(partial: PartialSuccess | undefined): Record<string, unknown> {
  if (partial === undefined) {
    return {};
  }
  return {
    partialSuccess: { rejectedSpans: String(partial.rejectedSpans), errorMessage: partial.errorMessage },
  };
}
