/**
 * The nine analyzers of ARCHITECTURE §4.2, one per opportunity kind, and the rule helpers the
 * planted benchmark and the engine share with them.
 * @module
 */
import type { Analyzer } from '#analysis/candidate.js';
import { analyzeBatchApi } from './batch-api.js';
import { analyzeContextTrimming } from './context-trimming.js';
import { analyzeErrorWaste } from './error-waste.js';
import { analyzeModelRightsizing } from './model-rightsizing.js';
import { analyzeOutputLength } from './output-length.js';
import { analyzePromptCaching } from './prompt-caching.js';
import { analyzeProviderArbitrage } from './provider-arbitrage.js';
import { analyzeReasoningEffort } from './reasoning-effort.js';
import { analyzeResponseCaching } from './response-caching.js';

/** Every analyzer, in the order §4.2 lists the kinds. */
export const ANALYZERS: readonly Analyzer[] = [
  analyzeResponseCaching,
  analyzePromptCaching,
  analyzeBatchApi,
  analyzeModelRightsizing,
  analyzeErrorWaste,
  analyzeOutputLength,
  analyzeContextTrimming,
  analyzeProviderArbitrage,
  analyzeReasoningEffort,
];

export {
  analyzeBatchApi,
  analyzeContextTrimming,
  analyzeErrorWaste,
  analyzeModelRightsizing,
  analyzeOutputLength,
  analyzePromptCaching,
  analyzeProviderArbitrage,
  analyzeReasoningEffort,
  analyzeResponseCaching,
};
export { outputCap } from './output-length.js';
export { contextBudget } from './context-trimming.js';
export { arbitrageAlternative, meanRequestUsage, type ArbitrageTarget } from './provider-arbitrage.js';
export { rightsizingCandidate } from './model-rightsizing.js';
export { REASONING_EFFORT_REDUCTION } from './reasoning-effort.js';
export { hourConcentration } from './batch-api.js';
export { MODEL_LADDER, ladderTargets } from './model-ladder.js';
