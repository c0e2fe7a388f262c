/**
 * The demo organization's document and back-office features: reports that fail and are retried,
 * a nightly enrichment job, bulk summaries on an open-weights host, contract review already hitting
 * OpenAI's prompt cache, and a clean docs search on Gemini.
 * @module
 */
import type { PriceCatalog } from '@netra/optimizer';
import { arbitrageHost } from './arbitrage-host.js';
import { rhythmBurstTimes, rhythmTimes, nightlyTimes } from './demo-rhythm.js';
import { withRetries } from './demo-retries.js';
import { cleanOutput, tokens, type FeatureRecipe } from './recipe.js';
import { fingerprint, prefixChain } from './request-draft.js';
import { MINUTE_MS } from './timeline.js';

/** Share of report-writer requests whose first attempt fails after its input was billed. */
const REPORT_ERROR_SHARE = 0.08;

export const reportWriterRecipe: FeatureRecipe = {
  feature: 'report-writer',
  provider: 'anthropic',
  model: 'claude-sonnet-4-20250514',
  kind: 'error_waste',
  description: `${REPORT_ERROR_SHARE * 100}% of requests fail once after billing their input, then are retried`,
  weight: 6,
  draft(random, count, window) {
    const drafts = rhythmTimes(random, Math.round(count / (1 + REPORT_ERROR_SHARE)), window).map(
      (timestamp, index) => ({
        timestamp,
        input: tokens(random, 1_500, 3_500),
        output: tokens(random, 300, 900),
        promptHash: fingerprint('report-writer', index),
        maxTokens: 2_048,
      }),
    );
    return withRetries(random, drafts, REPORT_ERROR_SHARE);
  },
};

/** The UTC hours the nightly job runs in. */
const NIGHTLY_HOURS: readonly number[] = [1, 2, 3];

export const nightlyEnrichmentRecipe: FeatureRecipe = {
  feature: 'nightly-enrichment',
  provider: 'anthropic',
  model: 'claude-3-5-haiku-latest',
  kind: 'batch_api',
  description: 'non-streamed, every night in UTC hours 01–03 only',
  weight: 6,
  draft(random, count, window) {
    return nightlyTimes(random, count, window, NIGHTLY_HOURS).map((timestamp, index) => ({
      timestamp,
      input: tokens(random, 1_000, 3_000),
      output: cleanOutput(random),
      promptHash: fingerprint('nightly-enrichment', index),
      stream: false,
    }));
  },
};

/** Bulk summaries on an open-weights model, on a host another provider undercuts. */
export function bulkSummariesRecipe(catalog: PriceCatalog): FeatureRecipe {
  const host = arbitrageHost(catalog);
  return {
    feature: 'bulk-summaries',
    provider: host.provider,
    model: host.model,
    kind: 'provider_arbitrage',
    description: `${host.model} on ${host.provider}; the catalog lists it cheaper elsewhere`,
    weight: 6,
    draft(random, count, window) {
      return rhythmTimes(random, count, window).map((timestamp, index) => ({
        timestamp,
        input: tokens(random, 1_000, 3_000),
        output: cleanOutput(random),
        promptHash: fingerprint('bulk-summaries', index),
      }));
    },
  };
}

/** Blocks (512 tokens) of contract-review's instructions and clause library. */
const CONTRACT_PREFIX_BLOCKS = 6;
/** OpenAI keeps a prefix cached for about five minutes of inactivity. */
const CACHE_TTL_MS = 5 * MINUTE_MS;

/** gpt-4.1 reviewing contracts in sessions; requests soon after another read the prefix from cache. */
export const contractReviewRecipe: FeatureRecipe = {
  feature: 'contract-review',
  provider: 'openai',
  model: 'gpt-4.1',
  kind: null,
  description: `${CONTRACT_PREFIX_BLOCKS * 512}-token shared prefix, cache reads within the 5-minute TTL`,
  weight: 5,
  draft(random, count, window) {
    const times = rhythmBurstTimes(random, count, window);
    return times.map((timestamp, index) => {
      const input = CONTRACT_PREFIX_BLOCKS * 512 + tokens(random, 300, 1_700);
      const warm = index > 0 && timestamp - (times[index - 1] as number) < CACHE_TTL_MS;
      return {
        timestamp,
        input,
        output: cleanOutput(random),
        promptHash: fingerprint('contract-review', index),
        prefixHashes: prefixChain('contract-review', 'system', CONTRACT_PREFIX_BLOCKS, index, input),
        ...(warm ? { cacheRead: CONTRACT_PREFIX_BLOCKS * 512 } : {}),
      };
    });
  },
};

/** Retrieval answers on Gemini Flash: distinct prompts, capped outputs, nothing to fix. */
export const docsSearchRecipe: FeatureRecipe = {
  feature: 'docs-search',
  provider: 'google',
  model: 'gemini-2.5-flash',
  kind: null,
  description: 'distinct prompts, max_tokens set, clean',
  weight: 10,
  draft(random, count, window) {
    return rhythmTimes(random, count, window).map((timestamp, index) => ({
      timestamp,
      input: tokens(random, 1_500, 4_000),
      output: tokens(random, 250, 600),
      promptHash: fingerprint('docs-search', index),
    }));
  },
};
