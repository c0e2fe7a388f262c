/**
 * The recipes planting the request-shape levers: a premium model on short classification work
 * (model_rightsizing), billed failures (error_waste), run-away outputs without max_tokens
 * (output_length), growing conversations (context_trimming) and heavy reasoning behind short answers
 * (reasoning_effort).
 * @module
 */
import type { Random } from '#modules/demo/prng.js';
import { tokens, type FeatureRecipe } from '#modules/demo/recipe.js';
import { fingerprint, type RequestDraft } from '#modules/demo/request-draft.js';
import { MINUTE_MS, strictlyIncreasing, uniformTimes, type TimeWindow } from '#modules/demo/timeline.js';

const TRIAGE_LABELS = ['billing', 'bug', 'account', 'feature-request', 'other'] as const;

/** Short labels from gpt-4o: output p90 far under 200 tokens, prompts that classify. */
export const rightsizingRecipe: FeatureRecipe = {
  feature: 'ticket-triage',
  provider: 'openai',
  model: 'gpt-4o',
  kind: 'model_rightsizing',
  description: 'gpt-4o labelling tickets: outputs 3–160 tokens, classify prompts',
  weight: 1,
  draft(random, count, window) {
    return uniformTimes(random, count, window).map((timestamp, index) => ({
      timestamp,
      input: tokens(random, 400, 1_200),
      output: tokens(random, 3, 160),
      promptHash: fingerprint('ticket-triage', index),
      maxTokens: 256,
      prompt: `Classify the support ticket below into exactly one label (${TRIAGE_LABELS.join(', ')}). Answer with the label only.\n\nTicket ${index}: my invoice shows a charge I do not recognise.`,
    }));
  },
};

/** Share of report-writer attempts that fail after being billed for their input. */
export const ERROR_SHARE = 0.08;
const ERROR_TYPES = ['overloaded', 'timeout', 'server_error'] as const;

/** One failed, billed attempt followed seconds later by its successful retry (same prompt). */
function failedThenRetried(random: Random, timestamp: number, hash: string, input: number): RequestDraft[] {
  return [
    {
      timestamp,
      input,
      output: tokens(random, 0, 40),
      promptHash: hash,
      status: 'error',
      errorType: random.pick(ERROR_TYPES),
      maxTokens: 2_048,
    },
    {
      timestamp: timestamp + random.int(2_000, 30_000),
      input,
      output: tokens(random, 300, 900),
      promptHash: hash,
      maxTokens: 2_048,
    },
  ];
}

/** Billed failures (≈ 8% of attempts), each retried; everything else clean. */
export const errorWasteRecipe: FeatureRecipe = {
  feature: 'report-writer',
  provider: 'anthropic',
  model: 'claude-sonnet-4-20250514',
  kind: 'error_waste',
  description: `${ERROR_SHARE * 100}% of attempts fail after billing their input, then are retried`,
  weight: 1,
  draft(random, count, window) {
    const drafts: RequestDraft[] = [];
    for (const timestamp of uniformTimes(random, count, window)) {
      if (drafts.length >= count) {
        break;
      }
      const hash = fingerprint('report-writer', drafts.length);
      const input = tokens(random, 1_500, 3_500);
      drafts.push(
        ...(random.chance(ERROR_SHARE / (1 - ERROR_SHARE)) && drafts.length + 2 <= count
          ? failedThenRetried(random, timestamp, hash, input)
          : [{ timestamp, input, output: tokens(random, 300, 900), promptHash: hash, maxTokens: 2_048 }]),
      );
    }
    return retimed(drafts);
  },
};

/** Drafts sorted by time with ties nudged apart (a retry may land on a later request's millisecond). */
function retimed(drafts: RequestDraft[]): RequestDraft[] {
  const sorted = [...drafts].sort((a, b) => a.timestamp - b.timestamp);
  const times = strictlyIncreasing(sorted.map((draft) => draft.timestamp));
  return sorted.map((draft, index) => ({ ...draft, timestamp: times[index] as number }));
}

/** Share of code-assistant answers that run away far past their usual length. */
export const RUNAWAY_SHARE = 0.05;

/** No max_tokens: answers of 200–700 tokens, and 5% that run on to 4,000–12,000. */
export const outputLengthRecipe: FeatureRecipe = {
  feature: 'code-assistant',
  provider: 'openai',
  model: 'gpt-4.1-mini',
  kind: 'output_length',
  description: `max_tokens unset; ${RUNAWAY_SHARE * 100}% run-away outputs of 4k–12k tokens`,
  weight: 1,
  draft(random, count, window) {
    return uniformTimes(random, count, window).map((timestamp, index) => ({
      timestamp,
      input: tokens(random, 800, 2_000),
      output: random.chance(RUNAWAY_SHARE) ? tokens(random, 4_000, 12_000) : tokens(random, 200, 700),
      promptHash: fingerprint('code-assistant', index),
      maxTokens: null,
    }));
  },
};

/** Conversation turn t resends the whole history: input grows ×1.28 a turn from ~500 tokens. */
function turnInput(random: Random, turn: number): number {
  return Math.round(500 * 1.28 ** (turn - 1) * random.between(0.85, 1.15));
}

/** Sessions of 8–20 turns whose inputs grow with the history: input p90 many times p50. */
function conversationDrafts(random: Random, count: number, window: TimeWindow): RequestDraft[] {
  const drafts: RequestDraft[] = [];
  const longestSession = 20 * 4 * MINUTE_MS;
  for (let session = 0; drafts.length < count; session += 1) {
    let at = window.startMs + Math.floor(random.next() * (window.endMs - window.startMs - longestSession));
    const turns = Math.min(random.int(8, 20), count - drafts.length);
    for (let turn = 1; turn <= turns; turn += 1) {
      drafts.push({
        timestamp: at,
        input: turnInput(random, turn),
        output: tokens(random, 250, 600),
        promptHash: fingerprint('support-agent', drafts.length),
        sessionId: `support-agent-session-${session}`,
      });
      at += random.int(20_000, 4 * MINUTE_MS);
    }
  }
  return retimed(drafts);
}

/** Whole conversation histories resent every turn; no prefix hashes (no caching claim). */
export const contextTrimmingRecipe: FeatureRecipe = {
  feature: 'support-agent',
  provider: 'openai',
  model: 'gpt-4o-mini',
  kind: 'context_trimming',
  description: 'conversations of 8–20 turns resending the history (input ×1.28 per turn)',
  weight: 1,
  draft: conversationDrafts,
};

/** A reasoning model spending 600–2,000 reasoning tokens on 40–250-token answers. */
export const reasoningEffortRecipe: FeatureRecipe = {
  feature: 'math-tutor',
  provider: 'openai',
  model: 'o4-mini',
  kind: 'reasoning_effort',
  description: 'o4-mini: 600–2,000 reasoning tokens behind 40–250-token answers',
  weight: 1,
  draft(random, count, window) {
    return uniformTimes(random, count, window).map((timestamp, index) => {
      // Even counts: the 50% reduction stays a whole number of tokens.
      const reasoning = 2 * tokens(random, 300, 1_000);
      return {
        timestamp,
        input: tokens(random, 300, 900),
        output: reasoning + tokens(random, 40, 250),
        reasoning,
        promptHash: fingerprint('math-tutor', index),
        maxTokens: 4_096,
      };
    });
  },
};
