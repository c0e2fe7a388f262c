/**
 * What rolling out each kind of change takes: who owns it, what to watch beyond the common metrics,
 * and what concrete threshold sends it back. The common metrics (cost per request, error rate, p95
 * latency) and the quality gate of changes that need an evaluation are added by the plan.
 * @module
 */
import type { OpportunityKind } from '@netra/shared/contracts';

export interface KindPlaybook {
  owner_role: string;
  /** Metrics particular to this change. */
  validation: readonly string[];
  rollback_triggers: readonly string[];
  /** The batch API answers within hours by design: latency is not a rollback signal for it. */
  latencyInsensitive?: boolean;
}

export const PLAYBOOKS: Readonly<Record<OpportunityKind, KindPlaybook>> = {
  response_caching: {
    owner_role: 'platform engineer',
    validation: ['Cache hit rate of the scope (expected near the repeat share in the evidence)'],
    rollback_triggers: ['Any report of a stale or wrong cached answer: disable the cache for the scope'],
  },
  prompt_caching: {
    owner_role: 'application engineer',
    validation: ['Share of input tokens billed as cache reads', 'Time to first token'],
    rollback_triggers: [
      'Cache-write premiums exceed cache-read savings for 3 days (cost per request above baseline)',
    ],
  },
  batch_api: {
    owner_role: 'platform engineer',
    validation: ['Batch completion time per job', 'Share of batch requests that fail or expire'],
    rollback_triggers: [
      'A batch not completed within 24 hours, or one that would miss its downstream deadline',
      'More than 1% of batch requests expired or failed',
    ],
    latencyInsensitive: true,
  },
  model_rightsizing: {
    owner_role: 'ML engineer',
    validation: ['Task-specific quality on sampled real prompts, candidate against the current model'],
    rollback_triggers: ['User-facing quality complaints or escalations above the pre-change weekly rate'],
  },
  error_waste: {
    owner_role: 'application engineer',
    validation: ['Billed failed requests per day', 'Retries per failed request'],
    rollback_triggers: ['Successful requests per day fall by more than 1% (a fix that drops good traffic)'],
  },
  output_length: {
    owner_role: 'ML engineer',
    validation: ['Share of responses cut at the output cap (finish reason "length")'],
    rollback_triggers: ['More than 2% of responses cut at the output cap'],
  },
  context_trimming: {
    owner_role: 'ML engineer',
    validation: ['Input tokens per request', 'Answers that miss facts from the trimmed context (eval set)'],
    rollback_triggers: ['Quality eval falls below the threshold on questions that need older context'],
  },
  provider_arbitrage: {
    owner_role: 'platform engineer (with finance for the provider contract)',
    validation: [
      'Billed cost on the new provider against the catalog price',
      'Provider error and rate-limit rate',
    ],
    rollback_triggers: ['Rate-limit or availability errors above 0.5% of requests on the new provider'],
  },
  reasoning_effort: {
    owner_role: 'ML engineer',
    validation: ['Reasoning tokens per request', 'Quality on the hardest sampled prompts'],
    rollback_triggers: ['Quality eval on the hardest decile of prompts falls below the threshold'],
  },
};

/** Rough engineering days of one-off work per effort level, for ROI and payback. */
export const EFFORT_DAYS: Readonly<Record<'low' | 'medium' | 'high', number>> = {
  low: 1,
  medium: 5,
  high: 15,
};

/** The quality gate of a change that needs an evaluation: score points below the current setup. */
export const QUALITY_TOLERANCE_POINTS = 2;
/** How far the error rate may rise (percentage points) and p95 latency (relative) before rolling back. */
export const ERROR_RATE_TOLERANCE_POINTS = 1;
export const LATENCY_TOLERANCE = 0.2;
