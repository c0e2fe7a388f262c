/**
 * The rules path of triage, shared by the agent and the fallback: normalize, extract, classify,
 * build the goal, carry a follow-up's goal over, and flag instruction-like text. Deterministic:
 * the same message, sources and previous run always give the same result.
 * @module
 */
import type { PreviousRun } from '#modules/agents/agent.js';
import type { TriageResult } from '#modules/agents/workflow-state.js';
import { classify, priorityOf } from './category-rules.js';
import { extractEntities, type ExtractionSources } from './extract-entities.js';
import { carriedGoal, followUpIntent, isFollowUp } from './follow-up.js';
import { buildGoal, hasOwnGoal, intentOf } from './request-goal.js';
import { looksLikeInstructions, normalizeText } from './triage-text.js';

export const INSTRUCTIONS_IN_TEXT = 'instructions_in_text';
export const FOLLOW_UP = 'follow_up';

interface Reading {
  text: string;
  entities: TriageResult['entities'];
  confidence: number;
  flags: string[];
}

/** A follow-up: the thread's goal, with what the new message states on top. */
function followUpResult(reading: Reading, previous: PreviousRun, goal: TriageResult['goal']): TriageResult {
  const carried = carriedGoal(previous.goal, goal);
  return {
    category: carried.category,
    priority: priorityOf(reading.text, carried.category, carried.stated_monthly_spend_usd),
    intent: followUpIntent(reading.text, previous, reading.entities),
    confidence: Math.max(reading.confidence, 0.6),
    goal: carried,
    entities: reading.entities,
    source: 'rules',
    flags: [...reading.flags, FOLLOW_UP],
  };
}

export function triageByRules(
  rawText: string,
  previous: PreviousRun | null,
  sources: ExtractionSources,
): TriageResult {
  const text = normalizeText(rawText);
  const { entities, monthlySpend } = extractEntities(text, sources);
  const { category, confidence } = classify(text, entities.models.length);
  const goal = buildGoal(category, text, entities, monthlySpend);
  const flags = looksLikeInstructions(rawText) ? [INSTRUCTIONS_IN_TEXT] : [];
  if (previous !== null && isFollowUp(text, previous, category === 'general', hasOwnGoal(goal))) {
    return followUpResult({ text, entities, confidence, flags }, previous, goal);
  }
  const priority = priorityOf(text, category, monthlySpend);
  const intent = intentOf(goal, entities);
  return { category, priority, intent, confidence, goal, entities, source: 'rules', flags };
}
