/**
 * provider_arbitrage: the same model (same weights, e.g. an open-weights Llama or DeepSeek) served
 * by another provider at least 10% cheaper for the segment's token mix; saving = cost re-priced on
 * that provider.
 * @module
 */
import type { Analyzer, AnalyzerContext, Candidate } from '#analysis/candidate.js';
import type { SegmentProfile } from '#analysis/workload-profile.js';
import type { ModelMetadata } from '#pricing/model-metadata.js';
import type { PriceCatalog } from '#pricing/price-catalog.js';
import type { TokenUsage } from '#pricing/pricing-contract.js';
import type { OpportunityAction } from '@netra/shared/contracts';
import {
  buildCandidate,
  claimableSegments,
  roundUsd,
  segmentChange,
  type CandidateDraft,
  segmentLabel,
} from './segment-change.js';
import { formatUsd, litellmModelEntry } from './snippets.js';

/** The alternative must cost at most this share of the current price (10% less or better). */
export const MAX_COST_RATIO = 0.9;
/**
 * Catalog providers that are not a place to move traffic to: Hugging Face router routes duplicate
 * the direct providers they route to, and Cursor / GitHub Copilot are subscriptions, not APIs.
 */
const NOT_SWITCHABLE = /^(huggingface_.*|cursor|github-copilot)$/;

/** One provider and model to move to. */
export interface ArbitrageTarget {
  provider: string;
  model: string;
}

/** A model id without provider path prefixes (`meta-llama/`, `accounts/fireworks/models/`), lower-cased. */
export function sameModelKey(modelId: string): string {
  return modelId.toLowerCase().slice(modelId.lastIndexOf('/') + 1);
}

const indexes = new WeakMap<PriceCatalog, Map<string, ModelMetadata[]>>();

function modelsByKey(catalog: PriceCatalog): Map<string, ModelMetadata[]> {
  const cached = indexes.get(catalog);
  if (cached !== undefined) {
    return cached;
  }
  const index = new Map<string, ModelMetadata[]>();
  for (const model of catalog.models()) {
    const key = sameModelKey(model.modelId);
    index.set(key, [...(index.get(key) ?? []), model]);
  }
  indexes.set(catalog, index);
  return index;
}

function costOn(catalog: PriceCatalog, usage: TokenUsage, provider: string, model: string): number | null {
  return catalog.repriceAs(usage, { provider, model }).costUsd;
}

/**
 * The cheapest other provider of the same model for this usage, when it costs at least 10% less;
 * null otherwise (or when the model does not resolve). Pass a typical request's usage: prices with
 * long-context tiers apply per request.
 */
export function arbitrageAlternative(
  catalog: PriceCatalog,
  provider: string,
  model: string,
  usage: TokenUsage,
): ArbitrageTarget | null {
  const current = catalog.resolve(model, provider);
  const currentCost = current === null ? null : costOn(catalog, usage, current.provider, current.modelId);
  if (current === null || currentCost === null || currentCost <= 0) {
    return null;
  }
  let best: { target: ArbitrageTarget; cost: number } | null = null;
  for (const other of modelsByKey(catalog).get(sameModelKey(current.modelId)) ?? []) {
    if (other.provider === current.provider || other.deprecated || NOT_SWITCHABLE.test(other.provider)) {
      continue;
    }
    const cost = costOn(catalog, usage, other.provider, other.modelId);
    if (cost !== null && cost <= MAX_COST_RATIO * currentCost && (best === null || cost < best.cost)) {
      best = { target: { provider: other.provider, model: other.modelId }, cost };
    }
  }
  return best?.target ?? null;
}

/** The segment's mean request: totals divided by requests. */
export function meanRequestUsage(segment: SegmentProfile): TokenUsage {
  const per = (total: number) => total / segment.requests;
  return {
    input_tokens: per(segment.input_tokens),
    output_tokens: per(segment.output_tokens),
    cache_read_tokens: per(segment.cache_read_tokens),
    cache_write_tokens: per(segment.cache_write_tokens),
    reasoning_tokens: per(segment.reasoning_tokens),
  };
}

/** The period's traffic at list prices on the current and the alternative provider. */
interface ListCosts {
  current: number;
  alternative: number;
}

function listCosts(segment: SegmentProfile, target: ArbitrageTarget, catalog: PriceCatalog): ListCosts {
  const usage = meanRequestUsage(segment);
  const current = costOn(catalog, usage, segment.priced_provider, segment.priced_model) ?? 0;
  const alternative = costOn(catalog, usage, target.provider, target.model) ?? 0;
  return { current: current * segment.requests, alternative: alternative * segment.requests };
}

function switchAction(segment: SegmentProfile, target: ArbitrageTarget, costs: ListCosts): OpportunityAction {
  return {
    title: `Add ${target.provider} as the provider of ${segment.model}`,
    detail:
      `At list prices the period's traffic costs ${formatUsd(costs.alternative)} on ${target.provider} ` +
      `against ${formatUsd(costs.current)} today. Check its rate limits, latency and quantization first.`,
    snippet: ['model_list:', litellmModelEntry(segment.model, target.provider, target.model)].join('\n'),
    language: 'yaml',
  };
}

function arbitrageEvidence(target: ArbitrageTarget, costs: ListCosts): Record<string, unknown> {
  return {
    alternative_provider: target.provider,
    alternative_model: target.model,
    list_cost_usd: roundUsd(costs.current),
    alternative_list_cost_usd: roundUsd(costs.alternative),
    price_difference_pct: Math.round((1 - costs.alternative / costs.current) * 1000) / 10,
  };
}

/** `` `chat`'s gpt-oss-120b ``, or the model's traffic without a feature. */
function servedTraffic(segment: SegmentProfile): string {
  return segment.feature === '' ? segmentLabel(segment) : `\`${segment.feature}\`'s ${segment.model}`;
}

function candidateFor(segment: SegmentProfile, target: ArbitrageTarget, context: AnalyzerContext): Candidate {
  const costs = listCosts(segment, target, context.catalog);
  const change = segmentChange(
    'provider_arbitrage',
    segment,
    () => true,
    (bill) => ({ ...bill, provider: target.provider, model: target.model }),
    { type: 'reroute', provider: target.provider, model: target.model },
  );
  const draft: CandidateDraft = {
    title: `Serve ${servedTraffic(segment)} from ${target.provider} instead of ${segment.priced_provider}`,
    evidence: arbitrageEvidence(target, costs),
    assumptions: [
      `${target.provider} serves the same model (${target.model}) with equivalent quality (same weights and precision).`,
      'Token counts stay the same on the other provider.',
    ],
    confidence: 'medium',
    risk: 'medium',
    effort: 'low',
    actions: [switchAction(segment, target, costs)],
  };
  return buildCandidate('provider_arbitrage', segment, draft, change);
}

function analyzeSegment(segment: SegmentProfile, context: AnalyzerContext): Candidate | null {
  const usage = meanRequestUsage(segment);
  const target = arbitrageAlternative(context.catalog, segment.priced_provider, segment.priced_model, usage);
  return target === null ? null : candidateFor(segment, target, context);
}

/** Finds segments whose model another provider serves at least 10% cheaper. */
export const analyzeProviderArbitrage: Analyzer = (context) =>
  claimableSegments(context.profile).flatMap((segment) => analyzeSegment(segment, context) ?? []);
