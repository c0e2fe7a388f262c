/**
 * A feature recipe: who serves the feature, which kind it plants, and how its requests are drafted.
 * @module
 */
import type { OpportunityKind } from '@netra/optimizer';
import type { Random } from './prng.js';
import type { RequestDraft } from './request-draft.js';
import type { TimeWindow } from './timeline.js';

export interface FeatureRecipe {
  feature: string;
  provider: string;
  model: string;
  kind: OpportunityKind | null;
  description: string;
  /** Share of the total events relative to the other recipes. */
  weight: number;
  /** `count` requests over the window, in time order. */
  draft(random: Random, count: number, window: TimeWindow): RequestDraft[];
}

/** Uniform token count in [min, max]. */
export function tokens(random: Random, min: number, max: number): number {
  return random.int(min, max);
}

/** The clean output profile: 250–700 tokens, no long tail, under the clean max_tokens. */
export function cleanOutput(random: Random): number {
  return random.int(250, 700);
}
