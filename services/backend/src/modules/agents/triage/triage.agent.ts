/**
 * Triage: what the user asks for. The rules classify the message, extract its entities (models and
 * providers through the organization's price catalog, amounts, targets, the period, the
 * organization's features) and build the RequestGoal. When an LLM is configured it may replace the
 * category and intent if its answer is valid and confident; entities and every number stay the
 * rules'. Instruction-like text is flagged and read as data: it changes nothing.
 * @module
 */
import { TRIAGE_CATEGORIES } from '@netra/shared/contracts';
import { z } from 'zod';
import type { Agent, AgentContext, AgentDependencies, PreviousRun } from '#modules/agents/agent.js';
import { triageResultSchema, type TriageResult } from '#modules/agents/workflow-state.js';
import { objectiveOf } from './request-goal.js';
import { FOLLOW_UP, triageByRules } from './triage-rules.js';
import { MAX_TRIAGE_CHARS, normalizeText } from './triage-text.js';

/** What the LLM's classification must look like to be used at all. */
export const llmClassificationSchema = z.object({
  category: z.enum(TRIAGE_CATEGORIES),
  priority: z.enum(['low', 'medium', 'high', 'critical']),
  intent: z.string().trim().min(1).max(300),
  confidence: z.number().min(0).max(1),
});

/** Below this confidence the LLM's answer is ignored and the rules stand. */
export const LLM_MIN_CONFIDENCE = 0.6;

function summarize(result: TriageResult) {
  const { entities } = result;
  return {
    models: entities.models.map((model) => model.model),
    providers: entities.providers,
    amounts: entities.amounts.length,
    targets: entities.targets.map((target) => `${target.kind}=${target.value}`),
    time_range: entities.time_range?.mention ?? null,
    features: entities.features,
  };
}

async function rulesResult(input: TriageInput, context: AgentContext, deps: AgentDependencies) {
  const [catalog, features] = await Promise.all([
    deps.catalogFor(context.orgId),
    deps.featuresOf(context.orgId),
  ]);
  return triageByRules(input.text, input.previous, { catalog, features, now: context.now });
}

/** The LLM's category and intent when valid and confident; null otherwise (the rules stand). */
async function llmClassification(text: string, context: AgentContext, deps: AgentDependencies) {
  if (deps.llm === undefined) {
    return null;
  }
  const llm = deps.llm;
  try {
    const answer = await context.events.tool(
      'classify_request',
      { chars: text.length },
      () => llm.classify(text, context.signal),
      (output) => ({ valid: llmClassificationSchema.safeParse(output).success }),
    );
    const parsed = llmClassificationSchema.safeParse(answer);
    return parsed.success && parsed.data.confidence >= LLM_MIN_CONFIDENCE ? parsed.data : null;
  } catch (error) {
    if (context.signal.aborted) {
      throw error;
    }
    return null;
  }
}

function withLlm(
  result: TriageResult,
  llm: z.infer<typeof llmClassificationSchema>,
  text: string,
): TriageResult {
  const goal = { ...result.goal, category: llm.category, objective: objectiveOf(llm.category, text) };
  return {
    ...result,
    category: llm.category,
    intent: llm.intent,
    confidence: llm.confidence,
    goal,
    source: 'llm',
  };
}

function explanation(result: TriageResult): string {
  const how = result.source === 'llm' ? 'the configured model' : 'keyword rules';
  const flagged = result.flags.includes('instructions_in_text')
    ? ' The message contains text shaped like instructions to a model; it was read as plain text.'
    : '';
  const percent = Math.round(result.confidence * 100);
  return `Classified as ${result.category.replace(/_/g, ' ')} (${how}, ${percent}% confident, ${result.priority} priority): ${result.intent}${flagged}`;
}

interface TriageInput {
  text: string;
  previous: PreviousRun | null;
}

export const triageAgent: Agent<TriageInput, TriageResult> = {
  name: 'triage',
  timeoutMs: 30_000,
  async run(input, context, deps) {
    const rules = await context.events.tool(
      'extract_entities',
      { chars: Math.min(input.text.length, MAX_TRIAGE_CHARS), follow_up: input.previous !== null },
      () => rulesResult(input, context, deps),
      summarize,
    );
    // A follow-up's category and goal come from the thread; the model only reclassifies new requests.
    const llm = rules.flags.includes(FOLLOW_UP)
      ? null
      : await llmClassification(normalizeText(input.text), context, deps);
    const result = triageResultSchema.parse(
      llm === null ? rules : withLlm(rules, llm, normalizeText(input.text)),
    );
    await context.events.thinking(explanation(result));
    return result;
  },
};
