/**
 * Batch prices. The bundled genai-prices data carries no batch prices, so unless an override gives
 * one, a batch request is priced with the provider's documented batch-API discount. Only providers
 * that document one flat discount for their batch API are listed; others (xAI: 20–50% by model,
 * Together: "up to 50%" on selected models, OpenRouter: "typically 50%, sometimes less", DeepSeek: no
 * batch API) keep the standard price and report `batchPricing: 'none'`.
 * @module
 */

/** What a provider's batch API costs relative to its standard price. */
export interface BatchPolicy {
  /** Percent off every token price. */
  readonly discountPercent: number;
  /** False where the prompt-cache discount and the batch discount do not stack. */
  readonly discountsCacheReads: boolean;
  /** The documented fact this rests on. */
  readonly source: string;
}

/** Documented batch discounts by catalog provider id (checked against the providers' docs). */
export const BATCH_POLICIES: Readonly<Record<string, BatchPolicy>> = {
  openai: {
    discountPercent: 50,
    discountsCacheReads: true,
    source: 'OpenAI Batch API FAQ: every model at a 50% cost discount vs. the synchronous APIs',
  },
  azure: {
    discountPercent: 50,
    discountsCacheReads: true,
    source: 'Azure OpenAI batch deployments: 50% less cost than Global Standard',
  },
  anthropic: {
    discountPercent: 50,
    discountsCacheReads: true,
    source: 'Anthropic Message Batches API: 50% of standard prices, stacking with prompt caching',
  },
  google: {
    discountPercent: 50,
    discountsCacheReads: false,
    source:
      'Gemini API Batch Mode and Vertex AI batch inference: 50% of the standard rate; Vertex AI: cache and batch discounts do not stack, the cache-hit price applies',
  },
  aws: {
    discountPercent: 50,
    discountsCacheReads: true,
    source: 'Amazon Bedrock: batch inference at 50% of on-demand for supported models',
  },
  mistral: {
    discountPercent: 50,
    discountsCacheReads: true,
    source: 'Mistral Batch API: 50% lower cost than synchronous calls',
  },
  groq: {
    discountPercent: 25,
    discountsCacheReads: true,
    source: 'Groq Batch API docs: 25% cost discount compared to synchronous API pricing',
  },
};

/** Whether and how a provider's batch API is discounted, for the optimizer's `batch_api` lever. */
export interface BatchSupport {
  readonly provider: string;
  /** The provider documents a flat batch discount. */
  readonly offered: boolean;
  readonly discountPercent: number;
  readonly source: string | null;
}

/** The batch support of a catalog provider id. */
export function batchSupport(provider: string): BatchSupport {
  const policy = BATCH_POLICIES[provider];
  return policy === undefined
    ? { provider, offered: false, discountPercent: 0, source: null }
    : { provider, offered: true, discountPercent: policy.discountPercent, source: policy.source };
}
