/**
 * Follow-up messages in a thread ("what about the caching one?", "and for the chatbot feature?"):
 * when the message sets no goal of its own, the previous run's goal carries over, with whatever the
 * new message does state (a feature, a target) on top, and the intent says what the follow-up is about.
 * @module
 */
import type { RequestGoal } from '@netra/shared/contracts';
import type { PreviousRun } from '#modules/agents/agent.js';
import type { Entities } from './request-goal.js';

const FOLLOW_UP_START =
  /^(and|also|what about|how about|what if|same (for|with)|now|ok(ay)?|then|so|but|and what about|can you|could you)\b/i;
const REFERENCE =
  /\b(the|that|this) (\w+ ){0,2}(one|opportunity|recommendation|option|change|idea)\b|\b(it|that|those|them)\b/i;
const STOPWORDS = new Set([
  'what',
  'about',
  'the',
  'one',
  'and',
  'for',
  'how',
  'with',
  'that',
  'this',
  'feature',
]);

/** Whether a message with no goal of its own reads as a continuation of the thread. */
export function isFollowUp(text: string, previous: PreviousRun | null, general: boolean, ownGoal: boolean) {
  if (previous === null || ownGoal) {
    return false;
  }
  return general || FOLLOW_UP_START.test(text) || REFERENCE.test(text);
}

/** The previous goal with what the new message states on top (new numbers win, models add up). */
export function carriedGoal(previous: RequestGoal, current: RequestGoal): RequestGoal {
  return {
    ...previous,
    target_savings_pct: current.target_savings_pct ?? previous.target_savings_pct,
    target_latency_ms: current.target_latency_ms ?? previous.target_latency_ms,
    growth_multiplier: current.growth_multiplier ?? previous.growth_multiplier,
    stated_monthly_spend_usd: current.stated_monthly_spend_usd ?? previous.stated_monthly_spend_usd,
    stated_models: [...new Set([...previous.stated_models, ...current.stated_models])],
  };
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((word) => !STOPWORDS.has(word));
}

/** The previous run's opportunity the message refers to by a word of its kind or title, if any. */
export function referencedOpportunity(text: string, previous: PreviousRun) {
  const asked = new Set(words(text).map((word) => word.replace(/(ing|s)$/, '')));
  return previous.opportunities.find((opportunity) =>
    words(`${opportunity.kind.replace(/_/g, ' ')} ${opportunity.title}`).some((word) =>
      asked.has(word.replace(/(ing|s)$/, '')),
    ),
  );
}

export function followUpIntent(text: string, previous: PreviousRun, entities: Entities): string {
  const opportunity = referencedOpportunity(text, previous);
  const about = opportunity === undefined ? '' : `: ${opportunity.title}`;
  const scope = entities.features.length > 0 ? ` for ${entities.features.join(', ')}` : '';
  return `Follow-up on the previous ${previous.goal.category.replace(/_/g, ' ')} request${about}${scope}.`;
}
