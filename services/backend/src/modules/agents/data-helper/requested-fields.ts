/**
 * The fields to send, from §4.1: the ones ingestion requires, then the ones the analysis uses, each
 * with why. Fields the engine found weak or missing in the organization's current data come first
 * among the optional ones, with the engine's own reason; its volume, period and pricing signals are
 * not fields and are said elsewhere (the period, the summary).
 * @module
 */
import type { DataRequest } from '@netra/shared/contracts';
import type { SufficiencyResult } from '#modules/agents/workflow-state.js';

type RequestedField = DataRequest['fields'][number];

const ESSENTIAL: readonly RequestedField[] = [
  {
    field: 'timestamp',
    required: true,
    why: 'when each request was made: periods, daily patterns and the monthly projection',
  },
  { field: 'model', required: true, why: 'the model as the provider names it: every cost is priced from it' },
  {
    field: 'input_tokens',
    required: true,
    why: 'all billed input tokens, cache reads and writes included: the bulk of the cost',
  },
  {
    field: 'output_tokens',
    required: true,
    why: 'all output tokens, reasoning included: priced several times higher than input',
  },
  {
    field: 'provider',
    required: false,
    why: 'who served the request (openai, anthropic, azure, bedrock, …): the same model costs differently per provider',
  },
  {
    field: 'cache_read_tokens',
    required: false,
    why: 'input tokens read from the provider cache: shows what prompt caching already saves',
  },
  {
    field: 'cache_write_tokens',
    required: false,
    why: 'input tokens written to the cache: billed above the input price on some providers',
  },
  {
    field: 'latency_ms',
    required: false,
    why: 'end-to-end latency: what a change does to response times (and any latency goal)',
  },
  { field: 'status', required: false, why: 'success or error: billed failures and retries are waste' },
  {
    field: 'feature',
    required: false,
    why: 'the part of your product that made the request: scopes every recommendation',
  },
  {
    field: 'prompt_hash',
    required: false,
    why: 'a fingerprint of the whole input: finds exact repeats (response caching)',
  },
  {
    field: 'prefix_hashes',
    required: false,
    why: 'hashes of leading 512-token prompt blocks: measures shared prefixes (prompt caching)',
  },
];

/** Engine signals that name a field of their own, and the field they map to. */
const SIGNAL_FIELDS: Readonly<Record<string, string>> = {
  tokens: 'input_tokens',
  latency: 'latency_ms',
  status: 'status',
  feature: 'feature',
  prompt_hash: 'prompt_hash',
  prefix_hashes: 'prefix_hashes',
};

/** The fields to send, required first, then the ones the current data lacks, then the rest. */
export function requestedFields(sufficiency: SufficiencyResult | undefined): RequestedField[] {
  const missing = new Map<string, string>();
  for (const entry of sufficiency?.requests === 0 ? [] : (sufficiency?.quality.missing ?? [])) {
    const field = SIGNAL_FIELDS[entry.field];
    if (field !== undefined) {
      missing.set(field, entry.why);
    }
  }
  const annotated = ESSENTIAL.map((entry) => {
    const why = missing.get(entry.field);
    return why === undefined
      ? entry
      : { ...entry, why: `${entry.why}. Missing from your current data: ${why}` };
  });
  const rank = (entry: RequestedField) => (entry.required ? 0 : missing.has(entry.field) ? 1 : 2);
  return annotated
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
}

/** The names of the fields the current data lacks, for the summary. */
export function missingFieldNames(sufficiency: SufficiencyResult | undefined): string[] {
  if (sufficiency === undefined || sufficiency.requests === 0) {
    return [];
  }
  return sufficiency.quality.missing.flatMap((entry) => SIGNAL_FIELDS[entry.field] ?? []);
}
