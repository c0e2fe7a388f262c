/**
 * prompt_caching (ARCHITECTURE §4.2): leading prompt blocks already seen for the same model within
 * the provider's prompt-cache TTL could be billed at the cache-read price instead of the input
 * price, less the premium for writing them to the cache where the catalog prices writes.
 * @module
 */
import type { Analyzer, AnalyzerContext, Candidate } from '#analysis/candidate.js';
import type { AnalyzedRequest } from '#analysis/analyzed-request.js';
import type { Change, RequestBill } from '#analysis/change.js';
import type { AnalysisSettings } from '#analysis/usage-source.js';
import type { SegmentProfile } from '#analysis/workload-profile.js';
import type { ListPrices } from '#pricing/model-metadata.js';
import { promptCachingAction } from './prompt-caching-snippets.js';
import {
  buildCandidate,
  claimableSegments,
  roundUsd,
  segmentChange,
  segmentLabel,
  shareOf,
  worthReporting,
  type CandidateDraft,
} from './segment-change.js';
import { formatCount } from './snippets.js';

/** Without prefix hashes on most requests, shared prefixes cannot be measured: no claim. */
export const MIN_PREFIX_HASH_SHARE = 0.5;
const PER_MILLION = 1_000_000;

/** The prices prompt caching needs: a cache read cheaper than input. */
interface CachePrices {
  input: number;
  cacheRead: number;
  cacheWrite: number | null;
}

function cachePrices(prices: ListPrices): CachePrices | null {
  if (prices.input === null || prices.cacheRead === null || prices.cacheRead >= prices.input) {
    return null;
  }
  return { input: prices.input, cacheRead: prices.cacheRead, cacheWrite: prices.cacheWrite };
}

/** The profile's estimate of the saving: the §4.2 formula on the segment's totals. */
export function promptCachingEstimateUsd(segment: SegmentProfile, prices: CachePrices): number {
  const newlyCached = Math.max(0, segment.cacheable_tokens_min_rule - segment.cache_read_tokens);
  const readSaving = (newlyCached * (prices.input - prices.cacheRead)) / PER_MILLION;
  const writePremium =
    prices.cacheWrite === null
      ? 0
      : (segment.cache_write_prefix_tokens * (prices.cacheWrite - prices.input)) / PER_MILLION;
  return readSaving - writePremium;
}

/** The bill with the request's reusable prefix read from the cache and its warm-up written to it. */
function cachedBill(
  bill: RequestBill,
  request: AnalyzedRequest,
  minTokens: number,
  writesPriced: boolean,
): RequestBill {
  const usage = { ...bill.usage };
  if (request.cacheable_prefix_tokens >= minTokens) {
    const readable = Math.min(request.cacheable_prefix_tokens, usage.input_tokens - usage.cache_write_tokens);
    usage.cache_read_tokens = Math.max(usage.cache_read_tokens, readable);
  }
  if (writesPriced && request.cache_write_prefix_tokens > 0) {
    const room = usage.input_tokens - usage.cache_read_tokens - usage.cache_write_tokens;
    usage.cache_write_tokens += Math.max(0, Math.min(request.cache_write_prefix_tokens, room));
  }
  return { ...bill, usage };
}

interface CachingFinding {
  prices: CachePrices;
  estimateUsd: number;
  settings: AnalysisSettings;
}

function cachingEvidence(segment: SegmentProfile, finding: CachingFinding): Record<string, unknown> {
  const { prices, settings } = finding;
  return {
    cacheable_tokens: segment.cacheable_tokens_min_rule,
    cacheable_tokens_before_min_rule: segment.cacheable_tokens,
    already_cached_tokens: segment.cache_read_tokens,
    reuse_share: shareOf(segment.cacheable_tokens_min_rule, segment.input_tokens),
    reuse_share_before_min_rule: shareOf(segment.cacheable_tokens, segment.input_tokens),
    cache_write_prefix_tokens: segment.cache_write_prefix_tokens,
    input_price_per_mtok: prices.input,
    cache_read_price_per_mtok: prices.cacheRead,
    cache_write_price_per_mtok: prices.cacheWrite,
    estimated_saving_usd: roundUsd(finding.estimateUsd),
    min_cacheable_tokens: settings.minCacheableTokens,
    ttl_minutes: settings.promptCacheTtlMs / 60_000,
    with_prefix_hashes_share: segment.with_prefix_hashes_share,
  };
}

function cachingAssumptions(finding: CachingFinding): string[] {
  const { minCacheableTokens, promptCacheTtlMs } = finding.settings;
  return [
    `A prefix is reused when its leading prompt blocks were seen for the same model within ${promptCacheTtlMs / 60_000} minutes (refreshed on use).`,
    `Only prefixes of ${formatCount(minCacheableTokens)}+ tokens count, as providers do not cache shorter ones.`,
    finding.prices.cacheWrite === null
      ? 'The provider charges nothing extra for cache writes.'
      : 'Writing a prefix to the cache costs the catalog cache-write price, counted against the saving.',
  ];
}

function cachingChange(segment: SegmentProfile, finding: CachingFinding): Change {
  const minTokens = finding.settings.minCacheableTokens;
  const writesPriced = finding.prices.cacheWrite !== null;
  return segmentChange(
    'prompt_caching',
    segment,
    (request) =>
      request.cacheable_prefix_tokens >= minTokens || (writesPriced && request.cache_write_prefix_tokens > 0),
    (bill, request) => cachedBill(bill, request, minTokens, writesPriced),
    { type: 'cache_prefix', minTokens, writesPriced },
  );
}

function candidateFor(segment: SegmentProfile, finding: CachingFinding): Candidate {
  const draft: CandidateDraft = {
    title: `Cache the shared prompt prefix of ${segmentLabel(segment)}`,
    evidence: cachingEvidence(segment, finding),
    assumptions: cachingAssumptions(finding),
    confidence: segment.with_prefix_hashes_share >= 0.9 ? 'high' : 'medium',
    risk: 'low',
    effort: 'low',
    actions: [promptCachingAction(segment)],
  };
  return buildCandidate('prompt_caching', segment, draft, cachingChange(segment, finding));
}

function analyzeSegment(segment: SegmentProfile, context: AnalyzerContext): Candidate | null {
  if (segment.with_prefix_hashes_share < MIN_PREFIX_HASH_SHARE) {
    return null;
  }
  const metadata = context.catalog.resolve(segment.priced_model, segment.priced_provider);
  const prices = metadata === null ? null : cachePrices(metadata.prices);
  if (prices === null) {
    return null;
  }
  const estimateUsd = promptCachingEstimateUsd(segment, prices);
  return worthReporting(estimateUsd, segment)
    ? candidateFor(segment, { prices, estimateUsd, settings: context.settings })
    : null;
}

/** Finds segments whose repeated prompt prefixes a provider prompt cache would bill cheaper. */
export const analyzePromptCaching: Analyzer = (context) =>
  claimableSegments(context.profile).flatMap((segment) => analyzeSegment(segment, context) ?? []);
