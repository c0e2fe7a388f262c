/**
 * model_rightsizing (ARCHITECTURE §4.2): a premium model doing simple work (short outputs;
 * classification- or extraction-like prompts raise confidence) where a cheaper model of the same
 * provider with a large enough context window exists; saving = cost re-priced on the candidate.
 * Always marked for an evaluation before rollout.
 * @module
 */
import type { Analyzer, AnalyzerContext, Candidate } from '#analysis/candidate.js';
import type { SegmentProfile } from '#analysis/workload-profile.js';
import type { ModelMetadata } from '#pricing/model-metadata.js';
import type { PriceCatalog } from '#pricing/price-catalog.js';
import { ladderTargets } from './model-ladder.js';
import { rightsizingActions } from './rightsizing-snippets.js';
import {
  buildCandidate,
  claimableSegments,
  segmentChange,
  segmentLabel,
  type CandidateDraft,
} from './segment-change.js';

/** Outputs this short (p90) look like labels, extractions or yes/no answers. */
export const MAX_OUTPUT_P90 = 200;
const TASK_WORDING =
  /\b(classif\w*|categori[sz]\w*|extract\w*|label\w*|tag the|sentiment|intent|yes or no|yes\/no|true or false)\b/i;

function listPrice(metadata: ModelMetadata): number {
  return (metadata.prices.input ?? Infinity) + (metadata.prices.output ?? Infinity);
}

/**
 * The cheaper rung of the downgrade ladder for a (provider, model), as the catalog model id it
 * resolves to for the same provider; null when the model has no rung, either end does not resolve,
 * or the rung is not cheaper.
 */
export function rightsizingCandidate(catalog: PriceCatalog, provider: string, model: string): string | null {
  const current = catalog.resolve(model, provider);
  if (current === null) {
    return null;
  }
  for (const target of ladderTargets(current.modelId)) {
    const candidate = catalog.resolve(target, provider);
    if (candidate !== null && candidate.modelId !== current.modelId) {
      return listPrice(candidate) < listPrice(current) ? candidate.modelId : null;
    }
  }
  return null;
}

/** How many prompt samples read like classification or extraction. */
export function taskLikeSamples(samples: readonly string[]): number {
  return samples.filter((sample) => TASK_WORDING.test(sample)).length;
}

function rightsizingEvidence(segment: SegmentProfile, candidate: ModelMetadata): Record<string, unknown> {
  return {
    candidate_model: candidate.modelId,
    output_p50: segment.output_p50,
    output_p90: segment.output_p90,
    output_max: segment.output_max,
    input_p90: segment.input_p90,
    needed_context_tokens: segment.input_p90 + segment.output_max,
    candidate_context_window: candidate.contextWindow,
    candidate_input_price_per_mtok: candidate.prices.input,
    candidate_output_price_per_mtok: candidate.prices.output,
    prompt_samples_checked: segment.prompt_samples.length,
    task_like_samples: taskLikeSamples(segment.prompt_samples),
  };
}

function rightsizingAssumptions(segment: SegmentProfile, candidate: string, taskLike: number): string[] {
  return [
    `Outputs of ${segment.output_p90} tokens or fewer (p90) are simple work ${candidate} handles as well.`,
    taskLike > 0
      ? `${taskLike} of ${segment.prompt_samples.length} prompt samples read like classification or extraction.`
      : 'No prompt text confirms the task type; the judgement rests on output length alone.',
    'Token counts stay the same on the cheaper model.',
  ];
}

function candidateFor(segment: SegmentProfile, candidate: ModelMetadata): Candidate {
  const taskLike = taskLikeSamples(segment.prompt_samples);
  const change = segmentChange(
    'model_rightsizing',
    segment,
    () => true,
    (bill) => ({ ...bill, model: candidate.modelId }),
    { type: 'reroute', model: candidate.modelId },
  );
  const draft: CandidateDraft = {
    title: `Move ${segmentLabel(segment)} to ${candidate.modelId}`,
    evidence: rightsizingEvidence(segment, candidate),
    assumptions: rightsizingAssumptions(segment, candidate.modelId, taskLike),
    confidence: taskLike > 0 ? 'medium' : 'low',
    risk: 'medium',
    effort: 'low',
    actions: rightsizingActions(segment, candidate.modelId),
    requiresEvaluation: true,
  };
  return buildCandidate('model_rightsizing', segment, draft, change);
}

function analyzeSegment(segment: SegmentProfile, context: AnalyzerContext): Candidate | null {
  if (segment.output_p90 > MAX_OUTPUT_P90) {
    return null;
  }
  const id = rightsizingCandidate(context.catalog, segment.priced_provider, segment.priced_model);
  const candidate = id === null ? null : context.catalog.resolve(id, segment.priced_provider);
  if (candidate === null) {
    return null;
  }
  const window = candidate.contextWindow;
  const fits = window === null || window >= segment.input_p90 + segment.output_max;
  return fits ? candidateFor(segment, candidate) : null;
}

/** Finds premium models doing short, simple work that a cheaper model of the same provider can do. */
export const analyzeModelRightsizing: Analyzer = (context) =>
  claimableSegments(context.profile).flatMap((segment) => analyzeSegment(segment, context) ?? []);
