/**
 * Synthetic but realistic ingestion traffic for the ingest benchmark: a mix of models, features,
 * users, cache hits, errors and prefix hashes, every event with its own id.
 * @module
 */
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-20250514', 'gemini-2.5-flash', 'gpt-4.1-nano'];
const FEATURES = ['chat', 'search', 'summarize', 'classify', 'extract'];

function hex(seed: number): string {
  return (Math.imul(seed, 2654435761) >>> 0).toString(16).padStart(8, '0');
}

/** The i-th event of a run; `runId` keeps ids of separate runs apart. */
export function benchEvent(runId: string, index: number): Record<string, unknown> {
  const model = MODELS[index % MODELS.length] ?? 'gpt-4o';
  const input = 800 + ((index * 37) % 4000);
  return {
    event_id: `${runId}-${index}`,
    timestamp: new Date(Date.UTC(2026, 10, 1) + index * 13).toISOString(),
    model,
    input_tokens: input,
    output_tokens: 50 + ((index * 11) % 600),
    cache_read_tokens: index % 3 === 0 ? Math.min(512, input) : 0,
    latency_ms: 300 + (index % 2000),
    status: index % 50 === 0 ? 'error' : 'success',
    ...(index % 50 === 0 ? { error_type: 'rate_limit' } : {}),
    stream: index % 2 === 0,
    feature: FEATURES[index % FEATURES.length],
    user_id: `user-${index % 997}`,
    prompt_hash: hex(index % 5000),
    prefix_hashes: [hex(index % 7), hex(index % 101), hex(index % 1009)],
    environment: 'production',
    tags: ['bench'],
  };
}

/**
 * Request bodies of `perRequest` events each, serialized and UTF-8 encoded ahead of time so the
 * client, which shares the machine's two cores with the backend, costs little.
 */
export function benchBodies(runId: string, total: number, perRequest: number): Buffer[] {
  const bodies: Buffer[] = [];
  for (let start = 0; start < total; start += perRequest) {
    const events = [];
    for (let index = start; index < Math.min(total, start + perRequest); index += 1) {
      events.push(benchEvent(runId, index));
    }
    bodies.push(Buffer.from(JSON.stringify({ events })));
  }
  return bodies;
}
