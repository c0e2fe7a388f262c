/**
 * The recipes planting the caching and scheduling levers: exact repeats (response_caching), a long
 * shared prefix hit within the provider cache TTL (prompt_caching), and scheduled non-streamed
 * traffic (batch_api).
 * @module
 */
import { cleanOutput, tokens, type FeatureRecipe } from '#modules/demo/recipe.js';
import { fingerprint, prefixChain, type RequestDraft } from '#modules/demo/request-draft.js';
import { burstTimes, HOUR_MS, scheduledTimes, uniformTimes } from '#modules/demo/timeline.js';

/** Share of faq-answers requests that repeat a recent question verbatim. */
export const REPEAT_SHARE = 0.35;
/** Repeats copy a question asked at most this long ago: well inside the 24 h response-cache TTL. */
const REPEAT_WINDOW_MS = 6 * HOUR_MS;

interface Asked {
  hash: string;
  input: number;
  at: number;
}

/** Exact repeats of recent questions: same prompt_hash and model, within hours, all successful. */
export const responseCachingRecipe: FeatureRecipe = {
  feature: 'faq-answers',
  provider: 'openai',
  model: 'gpt-4.1-mini',
  kind: 'response_caching',
  description: `${REPEAT_SHARE * 100}% of questions repeat one asked in the last 6 h`,
  weight: 1,
  draft(random, count, window) {
    const recent: Asked[] = [];
    return uniformTimes(random, count, window).map((timestamp, index): RequestDraft => {
      while (recent.length > 0 && (recent[0] as Asked).at < timestamp - REPEAT_WINDOW_MS) {
        recent.shift();
      }
      const repeated = recent.length > 0 && random.chance(REPEAT_SHARE) ? random.pick(recent) : undefined;
      const asked = repeated ?? {
        hash: fingerprint('faq-answers', index),
        input: tokens(random, 600, 1_400),
        at: timestamp,
      };
      recent.push({ ...asked, at: timestamp });
      return { timestamp, input: asked.input, output: cleanOutput(random), promptHash: asked.hash };
    });
  },
};

/** Blocks (512 tokens each) of the system prompt and policy text every review request starts with. */
export const SHARED_PREFIX_BLOCKS = 6;

/**
 * A 3,072-token shared prefix (instructions and clause library) followed by each contract's own
 * text; requests come in review sessions a few minutes apart at most, and nothing is cached today.
 */
export const promptCachingRecipe: FeatureRecipe = {
  feature: 'contract-review',
  provider: 'openai',
  model: 'gpt-4.1',
  kind: 'prompt_caching',
  description: `${SHARED_PREFIX_BLOCKS * 512}-token shared prefix, bursts ≤ 3 min apart, no cache reads`,
  weight: 1,
  draft(random, count, window) {
    return burstTimes(random, count, window).map((timestamp, index) => {
      const input = SHARED_PREFIX_BLOCKS * 512 + tokens(random, 300, 1_700);
      return {
        timestamp,
        input,
        output: cleanOutput(random),
        promptHash: fingerprint('contract-review', index),
        prefixHashes: prefixChain('contract-review', 'system', SHARED_PREFIX_BLOCKS, index, input),
      };
    });
  },
};

/** The UTC hours the nightly job runs in. */
export const BATCH_HOURS: readonly number[] = [1, 2, 3];

/** A nightly enrichment job: not streamed, always between 01:00 and 04:00 UTC, every day. */
export const batchRecipe: FeatureRecipe = {
  feature: 'nightly-enrichment',
  provider: 'anthropic',
  model: 'claude-3-5-haiku-latest',
  kind: 'batch_api',
  description: 'non-streamed, every day in UTC hours 01–03 only',
  weight: 1,
  draft(random, count, window) {
    return scheduledTimes(random, count, window, BATCH_HOURS).map((timestamp, index) => ({
      timestamp,
      input: tokens(random, 1_000, 3_000),
      output: cleanOutput(random),
      promptHash: fingerprint('nightly-enrichment', index),
      stream: false,
    }));
  },
};
