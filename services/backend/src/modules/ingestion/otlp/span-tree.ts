/**
 * Parent links among the spans of one export request. A model-call span that is an ancestor of
 * another model-call span of the same request is a wrapper whose usage is its descendants' sum
 * (Google ADK's `call_llm` around the GenAI SDK's `generate_content`, a framework's own LLM span
 * around the provider instrumentation's span): only the innermost calls are counted.
 * @module
 */
import type { DecodedSpan } from './otlp-span.js';

/** Parent chains are followed at most this far; real traces are far shallower, a cycle is not. */
const MAX_DEPTH = 256;

const keyOf = (traceId: string, spanId: string) => `${traceId}:${spanId}`;

/** The spans among `candidates` that are an ancestor, within `spans`, of one of `descendants`. */
export function ancestorsWithin(
  spans: readonly DecodedSpan[],
  descendants: readonly DecodedSpan[],
  candidates: readonly DecodedSpan[],
): Set<DecodedSpan> {
  const byId = new Map(spans.map((span) => [keyOf(span.traceId, span.spanId), span]));
  const candidateSet = new Set(candidates);
  const ancestors = new Set<DecodedSpan>();
  for (const candidate of descendants) {
    let parentId = candidate.parentSpanId;
    for (let depth = 0; parentId !== undefined && depth < MAX_DEPTH; depth += 1) {
      const parent = byId.get(keyOf(candidate.traceId, parentId));
      if (parent === undefined || parent === candidate) {
        break;
      }
      if (candidateSet.has(parent)) {
        ancestors.add(parent);
      }
      parentId = parent.parentSpanId;
    }
  }
  return ancestors;
}
