/** Placeholder until the Triage agent is written. */
import type { TriageResult } from '#modules/agents/workflow-state.js';

/** What the run assumes when triage failed: a general cost question with nothing extracted. */
export function fallbackTriage(_text: string): TriageResult {
  throw new Error('fallback triage not written yet');
}
