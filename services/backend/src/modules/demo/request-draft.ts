/**
 * Turns a feature's drafted request into a canonical usage event (ARCHITECTURE §4.1) with the clean
 * defaults every generated feature shares: streamed, max_tokens set, successful, distinct ids.
 * A feature overrides only the traits it shows. Shared by the demo workload and the tests' planted
 * benchmark, so both speak exactly the ingestion's event format.
 * @module
 */
import { DEFAULT_PREFIX_BLOCK_TOKENS, type UsageEventInput } from '@netra/shared';
import type { Random } from './prng.js';

/** The segment a feature's requests fall in (ARCHITECTURE: feature × provider × model). */
export interface FeatureIdentity {
  feature: string;
  provider: string;
  model: string;
}

/** Who generated the events: the prefix of their ids and the `app` they name. */
export interface EventOrigin {
  idPrefix: string;
  app: string;
}

/** One request as a feature drafts it; unset traits take the clean defaults. */
export interface RequestDraft {
  timestamp: number;
  input: number;
  output: number;
  reasoning?: number;
  promptHash: string;
  prefixHashes?: string[];
  /** null leaves max_tokens unset (the output_length feature). */
  maxTokens?: number | null;
  stream?: boolean;
  status?: 'success' | 'error';
  errorType?: string;
  prompt?: string;
  sessionId?: string;
  /** Input tokens served from the provider's prompt cache (part of `input`). */
  cacheRead?: number;
}

/** Default max_tokens of the clean features: set, and above every normal output. */
export const CLEAN_MAX_TOKENS = 1_024;

/** A stable, opaque fingerprint for a name (what a client would send as a hash). */
export function fingerprint(namespace: string, key: string | number): string {
  let hash = 0x811c9dc5;
  const text = `${namespace}\u0000${key}`;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return `${(hash >>> 0).toString(16).padStart(8, '0')}${text.length.toString(16)}-${namespace}-${key}`;
}

/**
 * A prefix-hash chain of `input` tokens in 512-token blocks: the first `sharedBlocks` come from the
 * shared prefix `sharedKey`, the rest are this request's own (so nobody else can reuse them).
 */
export function prefixChain(
  namespace: string,
  sharedKey: string,
  sharedBlocks: number,
  ownKey: string | number,
  input: number,
): string[] {
  const blocks = Math.floor(input / DEFAULT_PREFIX_BLOCK_TOKENS);
  return Array.from({ length: blocks }, (_, index) =>
    index < sharedBlocks
      ? fingerprint(namespace, `${sharedKey}/${index}`)
      : fingerprint(namespace, `${ownKey}/${index}`),
  );
}

function optionalFields(draft: RequestDraft): Partial<UsageEventInput> {
  return {
    ...(draft.reasoning === undefined ? {} : { reasoning_tokens: draft.reasoning }),
    ...(draft.maxTokens === null ? {} : { max_tokens: draft.maxTokens ?? CLEAN_MAX_TOKENS }),
    ...(draft.errorType === undefined ? {} : { error_type: draft.errorType }),
    ...(draft.prefixHashes === undefined
      ? {}
      : { prefix_hashes: draft.prefixHashes, prefix_block_tokens: DEFAULT_PREFIX_BLOCK_TOKENS }),
    ...(draft.prompt === undefined ? {} : { prompt: draft.prompt }),
    ...(draft.sessionId === undefined ? {} : { session_id: draft.sessionId }),
    ...(draft.cacheRead === undefined ? {} : { cache_read_tokens: draft.cacheRead }),
  };
}

/** The usage event of the `index`-th request of a feature. */
export function toUsageEvent(
  origin: EventOrigin,
  identity: FeatureIdentity,
  index: number,
  draft: RequestDraft,
  random: Random,
): UsageEventInput {
  const latency = 300 + draft.output * random.between(8, 14);
  return {
    event_id: `${origin.idPrefix}-${identity.feature}-${index}`,
    timestamp: new Date(draft.timestamp).toISOString(),
    provider: identity.provider,
    model: identity.model,
    operation: 'chat',
    input_tokens: draft.input,
    output_tokens: draft.output,
    status: draft.status ?? 'success',
    stream: draft.stream ?? true,
    batch: false,
    latency_ms: Math.round(latency),
    ttft_ms: Math.round(random.between(150, 600)),
    temperature: 0.2,
    prompt_hash: draft.promptHash,
    feature: identity.feature,
    app: origin.app,
    environment: 'production',
    user_id: `user-${random.int(1, 400)}`,
    ...optionalFields(draft),
  };
}
