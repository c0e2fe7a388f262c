/**
 * The ground truth of each planted kind: every request of the feature re-priced under the kind's
 * §4.2 change with the real catalog and the analyzers' exported rule helpers (cap, budget, ladder
 * rung, cheaper host, reasoning cut); a request's saving is clamped to [0, its cost]. Computed from
 * the generated events alone, never by the engine.
 * @module
 */
import {
  DEFAULT_SETTINGS,
  REASONING_EFFORT_REDUCTION,
  arbitrageAlternative,
  contextBudget,
  outputCap,
  rightsizingCandidate,
  type AnalysisSettings,
  type OpportunityKind,
  type PriceCatalog,
  type TokenUsage,
} from '@netra/optimizer';
import type { FeatureIdentity, PlantedTruth } from './planted-types.js';
import {
  cacheablePrefixTokens,
  exactInclusiveQuantile,
  priceOf,
  responseRepeats,
  totalUsage,
  type TruthRequest,
} from './truth-requests.js';

/** Each request's cost after the change (undefined: untouched), and the parameters used. */
interface Repriced {
  after: (number | undefined)[];
  detail: Record<string, string | number>;
}

interface TruthContext {
  requests: readonly TruthRequest[];
  catalog: PriceCatalog;
  settings: AnalysisSettings;
}

type Repricer = (context: TruthContext) => Repriced;

/** A request's cost with another usage, on its own or another model and host. */
function repriced(
  context: TruthContext,
  request: TruthRequest,
  usage: TokenUsage,
  target: { provider?: string; model?: string; batch?: boolean } = {},
): number {
  return priceOf(
    context.catalog,
    {
      provider: target.provider ?? request.provider,
      model: target.model ?? request.model,
      usage,
      batch: target.batch ?? request.batch,
    },
    request.time,
  );
}

const responseCaching: Repricer = ({ requests, settings }) => {
  const repeats = responseRepeats(requests, settings.responseCacheTtlMs);
  return {
    after: requests.map((_, index) => (repeats[index] === true ? 0 : undefined)),
    detail: { repeats: repeats.filter(Boolean).length },
  };
};

const promptCaching: Repricer = (context) => {
  const cacheable = cacheablePrefixTokens(context.requests, context.settings.promptCacheTtlMs);
  const after = context.requests.map((request, index) => {
    const tokens = cacheable[index] ?? 0;
    if (tokens < context.settings.minCacheableTokens) {
      return undefined;
    }
    const { usage } = request;
    const read = Math.max(
      usage.cache_read_tokens,
      Math.min(tokens, usage.input_tokens - usage.cache_write_tokens),
    );
    return repriced(context, request, { ...usage, cache_read_tokens: read });
  });
  return { after, detail: { cache_hits: after.filter((cost) => cost !== undefined).length } };
};

const batchApi: Repricer = (context) => ({
  after: context.requests.map((request) =>
    request.stream || request.batch ? undefined : repriced(context, request, request.usage, { batch: true }),
  ),
  detail: {
    discount_pct: context.catalog.batchSupport(context.requests[0]?.pricedProvider ?? '').discountPercent,
  },
});

const modelRightsizing: Repricer = (context) => {
  const first = context.requests[0] as TruthRequest;
  const candidate = rightsizingCandidate(context.catalog, first.pricedProvider, first.pricedModel);
  if (candidate === null) {
    throw new Error(`no rightsizing candidate for ${first.pricedProvider}/${first.pricedModel}`);
  }
  return {
    after: context.requests.map((request) =>
      repriced(context, request, request.usage, { provider: request.pricedProvider, model: candidate }),
    ),
    detail: { candidate },
  };
};

const errorWaste: Repricer = ({ requests }) => ({
  after: requests.map((request) => (request.status === 'error' && request.cost > 0 ? 0 : undefined)),
  detail: { errors: requests.filter((request) => request.status === 'error').length },
});

const outputLength: Repricer = (context) => {
  const p90 = exactInclusiveQuantile(
    context.requests.map((request) => request.usage.output_tokens),
    0.9,
  );
  const cap = outputCap(p90);
  const after = context.requests.map((request) => {
    const output = Math.min(request.usage.output_tokens, cap);
    const reasoning = Math.min(request.usage.reasoning_tokens, output);
    return repriced(context, request, {
      ...request.usage,
      output_tokens: output,
      reasoning_tokens: reasoning,
    });
  });
  return { after, detail: { output_p90: p90, cap } };
};

/** Input cut to the budget, uncached tokens first (§ context_trimming: cached tokens trimmed last). */
function trimmed(usage: TokenUsage, budget: number): TokenUsage {
  const input = Math.min(usage.input_tokens, budget);
  const cached = usage.cache_read_tokens + usage.cache_write_tokens;
  if (cached <= input) {
    return { ...usage, input_tokens: input };
  }
  const read = Math.floor((usage.cache_read_tokens * input) / cached);
  const write = Math.min(Math.floor((usage.cache_write_tokens * input) / cached), input - read);
  return { ...usage, input_tokens: input, cache_read_tokens: read, cache_write_tokens: write };
}

const contextTrimming: Repricer = (context) => {
  const p50 = exactInclusiveQuantile(
    context.requests.map((request) => request.usage.input_tokens),
    0.5,
  );
  const budget = contextBudget(p50);
  return {
    after: context.requests.map((request) => repriced(context, request, trimmed(request.usage, budget))),
    detail: { input_p50: p50, budget },
  };
};

const providerArbitrage: Repricer = (context) => {
  const first = context.requests[0] as TruthRequest;
  const usage = totalUsage(context.requests);
  const host = arbitrageAlternative(context.catalog, first.pricedProvider, first.pricedModel, usage);
  if (host === null) {
    throw new Error(`no cheaper host for ${first.pricedProvider}/${first.pricedModel}`);
  }
  return {
    after: context.requests.map((request) => repriced(context, request, request.usage, host)),
    detail: { alternative: `${host.provider}/${host.model}` },
  };
};

const reasoningEffort: Repricer = (context) => ({
  after: context.requests.map((request) => {
    const cut = request.usage.reasoning_tokens * REASONING_EFFORT_REDUCTION;
    return repriced(context, request, {
      ...request.usage,
      output_tokens: request.usage.output_tokens - cut,
      reasoning_tokens: request.usage.reasoning_tokens - cut,
    });
  }),
  detail: { reduction: REASONING_EFFORT_REDUCTION },
});

const REPRICERS: Readonly<Record<OpportunityKind, Repricer>> = {
  response_caching: responseCaching,
  prompt_caching: promptCaching,
  batch_api: batchApi,
  model_rightsizing: modelRightsizing,
  error_waste: errorWaste,
  output_length: outputLength,
  context_trimming: contextTrimming,
  provider_arbitrage: providerArbitrage,
  reasoning_effort: reasoningEffort,
};

/**
 * The true saving of `kind` on one feature's requests (time-ordered, one segment).
 * @throws Error when the rule cannot apply (no ladder rung, no cheaper host, an unpriced model).
 */
export function plantedTruth(
  kind: OpportunityKind,
  identity: FeatureIdentity,
  requests: readonly TruthRequest[],
  catalog: PriceCatalog,
  settings: AnalysisSettings = DEFAULT_SETTINGS,
): PlantedTruth {
  const { after, detail } = REPRICERS[kind]({ requests, catalog, settings });
  let periodSavingsUsd = 0;
  let affectedRequests = 0;
  requests.forEach((request, index) => {
    const cost = after[index];
    const saving = cost === undefined ? 0 : Math.min(Math.max(request.cost - cost, 0), request.cost);
    periodSavingsUsd += saving;
    affectedRequests += saving > 0 ? 1 : 0;
  });
  const periodCostUsd = requests.reduce((sum, request) => sum + request.cost, 0);
  const { feature, provider, model } = identity;
  return { feature, provider, model, kind, periodSavingsUsd, periodCostUsd, affectedRequests, detail };
}
