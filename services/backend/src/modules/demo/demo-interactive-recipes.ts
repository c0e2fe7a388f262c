/**
 * The demo organization's interactive features: people chatting, asking, triaging and coding in
 * working hours. Each carries the evidence one optimization lever needs (repeats, a long shared
 * prefix, short labels from a premium model, run-away outputs, growing conversations, heavy
 * reasoning), on top of what real traffic has anyway: a daily and weekly rhythm, some retried
 * failures, and cache reads where the provider caches today.
 * @module
 */
import type { Random } from './prng.js';
import { cleanOutput, tokens, type FeatureRecipe } from './recipe.js';
import { fingerprint, prefixChain, type RequestDraft } from './request-draft.js';
import { rhythmBurstTimes, rhythmTimes } from './demo-rhythm.js';
import { retimed, withRetries } from './demo-retries.js';
import { HOUR_MS, MINUTE_MS, type TimeWindow } from './timeline.js';

/** Share of faq-bot questions that repeat one asked in the last 6 hours (response-caching evidence). */
const FAQ_REPEAT_SHARE = 0.3;
const FAQ_REPEAT_WINDOW_MS = 6 * HOUR_MS;

interface Asked {
  hash: string;
  input: number;
  at: number;
}

/** A question: a recent one again (same fingerprint and size) or a new one. */
function faqQuestion(random: Random, recent: Asked[], timestamp: number, index: number): Asked {
  while (recent.length > 0 && (recent[0] as Asked).at < timestamp - FAQ_REPEAT_WINDOW_MS) {
    recent.shift();
  }
  const repeated = recent.length > 0 && random.chance(FAQ_REPEAT_SHARE) ? random.pick(recent) : undefined;
  const asked = repeated ?? { hash: fingerprint('faq-bot', index), input: tokens(random, 600, 1_400), at: 0 };
  recent.push({ ...asked, at: timestamp });
  return asked;
}

export const faqBotRecipe: FeatureRecipe = {
  feature: 'faq-bot',
  provider: 'openai',
  model: 'gpt-4.1-mini',
  kind: 'response_caching',
  description: `${FAQ_REPEAT_SHARE * 100}% of questions repeat one asked in the last 6 h`,
  weight: 12,
  draft(random, count, window) {
    const recent: Asked[] = [];
    return rhythmTimes(random, count, window).map((timestamp, index): RequestDraft => {
      const asked = faqQuestion(random, recent, timestamp, index);
      return { timestamp, input: asked.input, output: cleanOutput(random), promptHash: asked.hash };
    });
  },
};

/** Blocks (512 tokens) of support-chat's system prompt, product docs and tone guide. */
const SUPPORT_PREFIX_BLOCKS = 4;

/** Claude answering customers in sessions, a 2,048-token shared prefix resent uncached; 1.5% retried. */
export const supportChatRecipe: FeatureRecipe = {
  feature: 'support-chat',
  provider: 'anthropic',
  model: 'claude-sonnet-4-20250514',
  kind: 'prompt_caching',
  description: `${SUPPORT_PREFIX_BLOCKS * 512}-token shared prefix in sessions, no cache reads, 1.5% retried`,
  weight: 16,
  draft(random, count, window) {
    const drafts = rhythmBurstTimes(random, count, window).map((timestamp, index) => {
      const input = SUPPORT_PREFIX_BLOCKS * 512 + tokens(random, 200, 1_500);
      return {
        timestamp,
        input,
        output: cleanOutput(random),
        promptHash: fingerprint('support-chat', index),
        prefixHashes: prefixChain('support-chat', 'system', SUPPORT_PREFIX_BLOCKS, index, input),
      };
    });
    return withRetries(random, drafts, 0.015);
  },
};

const TRIAGE_LABELS = ['billing', 'bug', 'account', 'feature-request', 'other'] as const;

/** gpt-4o labelling tickets with a handful of tokens (right-sizing evidence). */
export const ticketTriageRecipe: FeatureRecipe = {
  feature: 'ticket-triage',
  provider: 'openai',
  model: 'gpt-4o',
  kind: 'model_rightsizing',
  description: 'gpt-4o labelling tickets: outputs 3–160 tokens, classify prompts',
  weight: 12,
  draft(random, count, window) {
    return rhythmTimes(random, count, window).map((timestamp, index) => ({
      timestamp,
      input: tokens(random, 400, 1_200),
      output: tokens(random, 3, 160),
      promptHash: fingerprint('ticket-triage', index),
      maxTokens: 256,
      prompt: `Classify the support ticket below into exactly one label (${TRIAGE_LABELS.join(', ')}). Answer with the label only.`,
    }));
  },
};

/** No max_tokens: answers of 200–700 tokens and 5% that run on to 4,000–12,000. */
export const codeAssistantRecipe: FeatureRecipe = {
  feature: 'code-assistant',
  provider: 'openai',
  model: 'gpt-4.1-mini',
  kind: 'output_length',
  description: 'max_tokens unset; 5% run-away outputs of 4k–12k tokens',
  weight: 10,
  draft(random, count, window) {
    return rhythmTimes(random, count, window).map((timestamp, index) => ({
      timestamp,
      input: tokens(random, 800, 2_000),
      output: random.chance(0.05) ? tokens(random, 4_000, 12_000) : tokens(random, 200, 700),
      promptHash: fingerprint('code-assistant', index),
      maxTokens: null,
    }));
  },
};

/** Sessions of 8–20 turns resending the whole history: input ×1.28 a turn from ~500 tokens. */
function conversationDrafts(random: Random, count: number, window: TimeWindow): RequestDraft[] {
  const drafts: RequestDraft[] = [];
  const starts = rhythmTimes(random, Math.ceil(count / 8), window);
  for (let session = 0; drafts.length < count; session += 1) {
    let at = Math.min(starts[session % starts.length] as number, window.endMs - 80 * MINUTE_MS);
    const turns = Math.min(random.int(8, 20), count - drafts.length);
    for (let turn = 1; turn <= turns; turn += 1) {
      const input = Math.round(500 * 1.28 ** (turn - 1) * random.between(0.85, 1.15));
      const promptHash = fingerprint('support-agent', drafts.length);
      drafts.push({
        timestamp: at,
        input,
        output: tokens(random, 250, 600),
        promptHash,
        sessionId: `s-${session}`,
      });
      at += random.int(20_000, 4 * MINUTE_MS);
    }
  }
  return retimed(drafts);
}

export const supportAgentRecipe: FeatureRecipe = {
  feature: 'support-agent',
  provider: 'openai',
  model: 'gpt-4o-mini',
  kind: 'context_trimming',
  description: 'conversations of 8–20 turns resending the history (input ×1.28 per turn)',
  weight: 12,
  draft: conversationDrafts,
};

/** o4-mini spending 600–2,000 reasoning tokens on 40–250-token answers. */
export const mathTutorRecipe: FeatureRecipe = {
  feature: 'math-tutor',
  provider: 'openai',
  model: 'o4-mini',
  kind: 'reasoning_effort',
  description: 'o4-mini: 600–2,000 reasoning tokens behind 40–250-token answers',
  weight: 5,
  draft(random, count, window) {
    return rhythmTimes(random, count, window).map((timestamp, index) => {
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
