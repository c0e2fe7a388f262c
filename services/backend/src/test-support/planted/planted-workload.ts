/**
 * The planted-opportunity workload: one feature per opportunity kind, each planting exactly one
 * inefficiency (every other trait clean), plus clean features that must yield nothing, generated
 * deterministically from a seed, with the true saving of every planted kind.
 * @module
 */
import { createPriceCatalog, type PriceCatalog } from '@netra/optimizer';
import type { UsageEventInput } from '@netra/shared';
import { batchRecipe, promptCachingRecipe, responseCachingRecipe } from './caching-recipes.js';
import { arbitrageRecipe, cleanChatRecipe, cleanSearchRecipe } from './other-recipes.js';
import type { PlantedFeature, PlantedTruth, PlantedWorkload } from './planted-types.js';
import { plantedTruth } from './planted-truth.js';
import { createRandom, deriveSeed } from '#modules/demo/prng.js';
import type { FeatureRecipe } from '#modules/demo/recipe.js';
import { toUsageEvent } from '#modules/demo/request-draft.js';
import {
  contextTrimmingRecipe,
  errorWasteRecipe,
  outputLengthRecipe,
  reasoningEffortRecipe,
  rightsizingRecipe,
} from './shape-recipes.js';
import { DAY_MS, type TimeWindow } from '#modules/demo/timeline.js';
import { truthRequests } from './truth-requests.js';

export interface PlantedWorkloadOptions {
  /** Total events across all features. */
  events: number;
  seed?: number;
  /** First day of the period, at UTC midnight (default Monday 2025-10-06). */
  start?: Date;
  days?: number;
  catalog?: PriceCatalog;
}

/** Planted events are named as such, apart from any demo or real usage. */
const PLANTED_ORIGIN = { idPrefix: 'planted', app: 'planted-benchmark' } as const;

export const DEFAULT_SEED = 20_251_006;
export const DEFAULT_START = new Date(Date.UTC(2025, 9, 6));
export const DEFAULT_DAYS = 14;
/** Below this many events per feature the planted traits (≥ 5 errors, repeats…) are not reliable. */
const MIN_EVENTS_PER_FEATURE = 200;

/** Every recipe, planted kinds in §4.2 order, then the clean ones. */
export function plantedRecipes(catalog: PriceCatalog): FeatureRecipe[] {
  return [
    responseCachingRecipe,
    promptCachingRecipe,
    batchRecipe,
    rightsizingRecipe,
    errorWasteRecipe,
    outputLengthRecipe,
    contextTrimmingRecipe,
    arbitrageRecipe(catalog),
    reasoningEffortRecipe,
    cleanChatRecipe,
    cleanSearchRecipe,
  ];
}

/** Events per recipe in proportion to the weights; the rounding remainder goes to the first. */
function allocate(recipes: readonly FeatureRecipe[], total: number): number[] {
  const weights = recipes.reduce((sum, recipe) => sum + recipe.weight, 0);
  const counts = recipes.map((recipe) => Math.floor((total * recipe.weight) / weights));
  counts[0] = (counts[0] ?? 0) + total - counts.reduce((sum, count) => sum + count, 0);
  return counts;
}

function periodWindow(start: Date, days: number): TimeWindow {
  if (start.getTime() % DAY_MS !== 0) {
    throw new RangeError('the planted period must start at UTC midnight (the batch hours are UTC)');
  }
  return { startMs: start.getTime(), endMs: start.getTime() + days * DAY_MS };
}

function featureEvents(recipe: FeatureRecipe, seed: number, count: number, window: TimeWindow) {
  const random = createRandom(deriveSeed(seed, recipe.feature));
  return recipe
    .draft(random, count, window)
    .map((draft, index) => toUsageEvent(PLANTED_ORIGIN, recipe, index, draft, random));
}

function featureOf(recipe: FeatureRecipe, requests: number): PlantedFeature {
  const { feature, provider, model, kind, description } = recipe;
  return { feature, provider, model, kind, description, requests };
}

/**
 * Generates the workload and its ground truth.
 * @throws RangeError when `events` is too small to plant every kind, or `start` is not at UTC midnight.
 */
export function generatePlantedWorkload(options: PlantedWorkloadOptions): PlantedWorkload {
  const catalog = options.catalog ?? createPriceCatalog();
  const seed = options.seed ?? DEFAULT_SEED;
  const start = options.start ?? DEFAULT_START;
  const days = options.days ?? DEFAULT_DAYS;
  const recipes = plantedRecipes(catalog);
  if (options.events < recipes.length * MIN_EVENTS_PER_FEATURE) {
    throw new RangeError(`at least ${recipes.length * MIN_EVENTS_PER_FEATURE} events are needed`);
  }
  const window = periodWindow(start, days);
  const counts = allocate(recipes, options.events);
  const byFeature = recipes.map((recipe, index) => featureEvents(recipe, seed, counts[index] ?? 0, window));
  const truths = recipes.flatMap((recipe, index): PlantedTruth[] =>
    recipe.kind === null
      ? []
      : [plantedTruth(recipe.kind, recipe, truthRequests(catalog, byFeature[index] ?? []), catalog)],
  );
  const events = byFeature.flat().sort(byTimestamp);
  return {
    seed,
    start,
    days,
    events,
    features: recipes.map((recipe, index) => featureOf(recipe, byFeature[index]?.length ?? 0)),
    truths,
    periodCostUsd: truthRequests(catalog, events).reduce((sum, request) => sum + request.cost, 0),
    planPeriodSavingsUsd: truths.reduce((sum, truth) => sum + truth.periodSavingsUsd, 0),
  };
}

function byTimestamp(a: UsageEventInput, b: UsageEventInput): number {
  return String(a.timestamp).localeCompare(String(b.timestamp));
}
