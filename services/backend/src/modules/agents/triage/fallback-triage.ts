/**
 * What the run assumes when the Triage agent failed or timed out: the same rules without the
 * catalog or the organization's features (so no models or features are named), and when even that
 * fails, a general question with nothing extracted. Never throws.
 * @module
 */
import { triageResultSchema, type TriageResult } from '#modules/agents/workflow-state.js';
import { triageByRules } from './triage-rules.js';
import { GENERAL_GOAL } from './request-goal.js';

const NOTHING_EXTRACTED: TriageResult = {
  category: 'general',
  priority: 'low',
  intent: 'Answer a general question about AI usage and cost.',
  confidence: 0.1,
  goal: GENERAL_GOAL,
  entities: { models: [], providers: [], amounts: [], targets: [], time_range: null, features: [] },
  source: 'rules',
  flags: ['fallback'],
};

/** The rules' reading of `text` with no catalog and no features; never throws. */
export function fallbackTriage(text: string, now: Date = new Date()): TriageResult {
  try {
    const result = triageResultSchema.parse(
      triageByRules(typeof text === 'string' ? text : '', null, { catalog: null, features: [], now }),
    );
    return { ...result, flags: [...result.flags, 'fallback'] };
  } catch {
    return structuredClone(NOTHING_EXTRACTED);
  }
}
