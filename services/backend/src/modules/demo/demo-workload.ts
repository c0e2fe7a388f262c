/**
 * The demo workload: what a mid-sized product team's LLM usage looks like over the last days —
 * eleven features on OpenAI, Anthropic, Google and an open-weights host, priced at the bundled
 * catalog's real prices once ingested. Traffic follows working hours and weekdays; some requests
 * fail and are retried; contract review already reads OpenAI's prompt cache; and each optimization
 * lever finds the evidence it needs somewhere. Deterministic for a seed and an end instant.
 * @module
 */
import { createPriceCatalog, type PriceCatalog } from '@netra/optimizer';
import type { UsageEventInput } from '@netra/shared';
import {
  codeAssistantRecipe,
  faqBotRecipe,
  mathTutorRecipe,
  supportAgentRecipe,
  supportChatRecipe,
  ticketTriageRecipe,
} from './demo-interactive-recipes.js';
import {
  bulkSummariesRecipe,
  contractReviewRecipe,
  docsSearchRecipe,
  nightlyEnrichmentRecipe,
  reportWriterRecipe,
} from './demo-job-recipes.js';
import { createRandom, deriveSeed } from './prng.js';
import type { FeatureRecipe } from './recipe.js';
import { toUsageEvent, type EventOrigin, type FeatureIdentity } from './request-draft.js';
import { DAY_MS, type TimeWindow } from './timeline.js';

/** Demo events name themselves: ids `demo-<feature>-<n>`, app `netra-demo`. */
export const DEMO_ORIGIN: EventOrigin = { idPrefix: 'demo', app: 'netra-demo' };
/** The ingestion source demo events are stored under: how the platform tells them from real usage. */
export const DEMO_SOURCE = 'demo';
export const DEMO_DEFAULT_DAYS = 14;
export const DEMO_MAX_DAYS = 30;
/** Requests a day across all features (weekday peak, before the weekly rhythm). */
export const DEMO_EVENTS_PER_DAY = 3_000;
const DEMO_SEED = 20_261_203;

export interface DemoWorkloadOptions {
  days?: number;
  /** The instant the period ends (default now). */
  end?: Date;
  seed?: number;
  eventsPerDay?: number;
  catalog?: PriceCatalog;
}

export interface DemoFeature extends FeatureIdentity {
  requests: number;
  description: string;
}

export interface DemoWorkload {
  start: Date;
  end: Date;
  days: number;
  events: UsageEventInput[];
  features: DemoFeature[];
}

/** Every demo feature, interactive first. */
export function demoRecipes(catalog: PriceCatalog): FeatureRecipe[] {
  return [
    supportChatRecipe,
    faqBotRecipe,
    ticketTriageRecipe,
    codeAssistantRecipe,
    supportAgentRecipe,
    mathTutorRecipe,
    reportWriterRecipe,
    nightlyEnrichmentRecipe,
    bulkSummariesRecipe(catalog),
    contractReviewRecipe,
    docsSearchRecipe,
  ];
}

function featureEvents(recipe: FeatureRecipe, seed: number, count: number, window: TimeWindow) {
  const random = createRandom(deriveSeed(seed, recipe.feature));
  return recipe
    .draft(random, count, window)
    .map((draft, index) => toUsageEvent(DEMO_ORIGIN, recipe, index, draft, random));
}

/** The period in days, checked. */
function periodDays(days: number = DEMO_DEFAULT_DAYS): number {
  if (!Number.isInteger(days) || days < 1 || days > DEMO_MAX_DAYS) {
    throw new RangeError(`demo days must be a whole number from 1 to ${DEMO_MAX_DAYS}`);
  }
  return days;
}

function presentFeatures(recipes: readonly FeatureRecipe[], byFeature: readonly unknown[][]): DemoFeature[] {
  return recipes.map(({ feature, provider, model, description }, index) => ({
    feature,
    provider,
    model,
    description,
    requests: byFeature[index]?.length ?? 0,
  }));
}

/**
 * Generates the workload of the `days` before `end`, in time order.
 * @throws RangeError when `days` is outside 1…DEMO_MAX_DAYS.
 */
export function generateDemoWorkload(options: DemoWorkloadOptions = {}): DemoWorkload {
  const days = periodDays(options.days);
  const end = options.end ?? new Date();
  const window = { startMs: end.getTime() - days * DAY_MS, endMs: end.getTime() };
  const recipes = demoRecipes(options.catalog ?? createPriceCatalog());
  const weights = recipes.reduce((sum, recipe) => sum + recipe.weight, 0);
  const perDay = options.eventsPerDay ?? DEMO_EVENTS_PER_DAY;
  const seed = options.seed ?? DEMO_SEED;
  const byFeature = recipes.map((recipe) =>
    featureEvents(recipe, seed, Math.round((perDay * days * recipe.weight) / weights), window),
  );
  const events = byFeature.flat().sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
  return {
    start: new Date(window.startMs),
    end,
    days,
    events,
    features: presentFeatures(recipes, byFeature),
  };
}
