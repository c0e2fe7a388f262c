/**
 * A small, deterministic workload for the export tests: three days, several providers, features
 * and token kinds (cache reads and writes, 1-hour writes, reasoning, batch), a model priced only by
 * the cost its source stated, an unpriced one, and attribution full of CSV's special characters.
 * @module
 */

const MODELS = [
  { provider: 'openai', model: 'gpt-4o' },
  { provider: 'openai', model: 'gpt-4o-mini' },
  { provider: 'anthropic', model: 'claude-sonnet-4-5' },
  { provider: 'openai', model: 'o3-mini' },
  { provider: 'acme', model: 'acme-private-1', stated: true },
  { provider: 'acme', model: 'acme-unlisted-2' },
] as const;

const FEATURES = ['search', 'chat, "beta"', 'summarize\nmultiline', ''];

function tokens(index: number, provider: string, model: string): Record<string, number> {
  const input = 800 + ((index * 37) % 4_000);
  const output = 50 + ((index * 13) % 900);
  const cacheWrite = provider === 'anthropic' ? Math.floor(input / 5) : 0;
  return {
    input_tokens: input,
    output_tokens: output,
    cache_read_tokens: provider === 'anthropic' || index % 4 === 0 ? Math.floor(input / 3) : 0,
    cache_write_tokens: cacheWrite,
    cache_write_1h_tokens: index % 2 === 0 ? Math.floor(cacheWrite / 2) : 0,
    reasoning_tokens: model === 'o3-mini' ? Math.floor(output / 2) : 0,
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The n-th event of the workload (day = n mod 3 of March 2025). */
export function exportEvent(index: number): Record<string, unknown> {
  const spec = MODELS[index % MODELS.length] ?? MODELS[0];
  return {
    event_id: `export-${index}`,
    timestamp: `2025-03-0${1 + (index % 3)}T${pad(index % 24)}:${pad(index % 60)}:00.${pad(index % 1000, 3)}Z`,
    provider: spec.provider,
    model: spec.model,
    ...tokens(index, spec.provider, spec.model),
    batch: index % 5 === 0,
    status: index % 11 === 0 ? 'error' : 'success',
    latency_ms: index % 7 === 0 ? undefined : 100 + index * 1.5,
    feature: FEATURES[index % FEATURES.length],
    user_id: `user-${index % 4}`,
    tags: index % 2 === 0 ? ['a,b', 'quote "q"'] : [],
    metadata: { project_id: `p-${index % 2}`, note: 'line\nbreak, comma' },
    ...('stated' in spec ? { cost_usd: 0.000_123 * (1 + (index % 9)) } : {}),
  };
}

export function exportEvents(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => exportEvent(index));
}
