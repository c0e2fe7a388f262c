/**
 * The vocabulary of the planted-opportunity benchmark: which features exist, which single
 * inefficiency each one plants, and the ground truth the engine's report is held against.
 * @module
 */
import type { OpportunityKind } from '@netra/optimizer';
import type { UsageEventInput } from '@netra/shared';

import type { FeatureIdentity } from '#modules/demo/request-draft.js';

export type { FeatureIdentity };

/** One generated feature: the kind it plants, or null for a clean feature that must yield nothing. */
export interface PlantedFeature extends FeatureIdentity {
  kind: OpportunityKind | null;
  requests: number;
  /** What was planted, for the benchmark's table. */
  description: string;
}

/** The true saving of one planted kind over the generated period (§4.2 definitions, real catalog). */
export interface PlantedTruth extends FeatureIdentity {
  kind: OpportunityKind;
  /** USD saved over the period if the change is applied to every request it touches. */
  periodSavingsUsd: number;
  /** USD the feature cost over the period. */
  periodCostUsd: number;
  /** Requests the change touches (with a non-zero saving). */
  affectedRequests: number;
  /** The rule parameters the truth used (cap, budget, candidate model…), for the table. */
  detail: Record<string, string | number>;
}

/** A generated workload with its ground truth. */
export interface PlantedWorkload {
  seed: number;
  start: Date;
  days: number;
  events: UsageEventInput[];
  features: PlantedFeature[];
  truths: PlantedTruth[];
  /** USD the whole workload cost over the period. */
  periodCostUsd: number;
  /** The plan's true saving: features are disjoint, so it is the sum of the kinds' savings. */
  planPeriodSavingsUsd: number;
}

/**
 * How far an estimate may stray from the truth: exact re-pricing kinds ±5%; kinds whose change
 * depends on a profile quantile or a catalog choice ±15%.
 */
export const PLANTED_TOLERANCE: Readonly<Record<OpportunityKind, number>> = {
  response_caching: 0.05,
  prompt_caching: 0.05,
  batch_api: 0.05,
  error_waste: 0.05,
  model_rightsizing: 0.15,
  output_length: 0.15,
  context_trimming: 0.15,
  provider_arbitrage: 0.15,
  reasoning_effort: 0.15,
};

/** The plan total's tolerance. */
export const PLAN_TOLERANCE = 0.05;
