/**
 * @netra/optimizer: the optimization engine (price catalog, cost engine, workload profiling,
 * analyzers, savings plan). Pure domain code with no HTTP and no SQL: it reads usage through the
 * UsageSource port, which the backend's usage module implements; used by the backend's agents and
 * by `netra analyze`. The §4.2 report schema is re-exported from `@netra/shared/contracts`.
 * @module
 */
export {
  DATA_SUFFICIENCY,
  DAYS_PER_MONTH,
  OPPORTUNITY_KINDS,
  REPORT_SCHEMA_VERSION,
  monthlyFromPeriod,
  type DataSufficiency,
  type OpportunityKind,
} from './report-contract.js';
export type {
  BatchPricing,
  PricingInput,
  PricingResult,
  TokenUsage,
  UnpricedReason,
} from './pricing/pricing-contract.js';
export {
  createPriceCatalog,
  type Alternative,
  type PairRates,
  type PriceCatalog,
  type PriceCatalogOptions,
  type RepriceOptions,
} from './pricing/price-catalog.js';
export type { PricedBreakdown, UnpricedModel } from './pricing/price-entry.js';
export {
  InvalidUsageError,
  costBreakdown,
  totalCost,
  usageProblem,
  type CostBreakdown,
} from './pricing/cost-engine.js';
export {
  RateCard,
  compileBands,
  type PriceTable,
  type PriceValue,
  type RateBand,
} from './pricing/rate-card.js';
export {
  compilePeriods,
  rateCardAt,
  type ConditionalEntry,
  type PricePeriod,
} from './pricing/price-periods.js';
export {
  priceOverrideSchema,
  tokenPricesSchema,
  type PriceOverride,
  type TokenPrices,
} from './pricing/overrides.js';
export { BATCH_POLICIES, batchSupport, type BatchPolicy, type BatchSupport } from './pricing/batch-policy.js';
export type { Capability, ListPrices, ModelMetadata } from './pricing/model-metadata.js';
export { CATALOG_PROVIDER_IDS } from './pricing/providers.js';
export { UsageShapeError } from './pricing/adapters/usage-reader.js';
export { fromAnthropicUsage } from './pricing/adapters/anthropic.js';
export { fromOpenAIChatUsage, fromOpenAIResponsesUsage } from './pricing/adapters/openai.js';
export { fromGeminiUsage } from './pricing/adapters/gemini.js';
export { fromOtelAttributes, type OtelUsageOptions } from './pricing/adapters/otel.js';
export {
  analysisReportSchema,
  opportunitySchema,
  type AnalysisReport,
  type BaselineSlice,
  type RatingLevel,
  type Opportunity,
  type OpportunityAction,
} from '@netra/shared/contracts';
export {
  DEFAULT_SETTINGS,
  type AnalysisScope,
  type AnalysisSettings,
  type UsageAnalysis,
  type UsageSource,
} from './analysis/usage-source.js';
export type {
  CostFigures,
  CostSummary,
  SegmentFigures,
  SegmentFlags,
  SegmentKey,
  UsageTotals,
} from './analysis/usage-aggregates.js';
export type { AnalyzedRequest } from './analysis/analyzed-request.js';
export { CHANGE_ORDER, type Change, type ChangeRule, type RequestBill } from './analysis/change.js';
export {
  segmentKey,
  type Measurement,
  type MeasureRequest,
  type SegmentPlan,
} from './analysis/measurement.js';
export { REQUEST_LEVEL_KINDS } from './analyzers/segment-change.js';
export type { Analyzer, AnalyzerContext, Candidate } from './analysis/candidate.js';
export type {
  FieldCoverage,
  SegmentProfile,
  WorkloadProfile,
  WorkloadTotals,
} from './analysis/workload-profile.js';
export {
  analyzeUsage,
  proposeCandidates,
  type AnalysisStage,
  type AnalyzeOptions,
} from './engine/analyze.js';
export { assessDataQuality, type DataQuality } from './engine/sufficiency.js';
export { measure } from './engine/quantify.js';
export { billCost, originalBill } from './engine/request-pricing.js';
export { profileTotals, profileWorkload } from './profile/profile-workload.js';
export {
  ANALYZERS,
  REASONING_EFFORT_REDUCTION,
  arbitrageAlternative,
  contextBudget,
  outputCap,
  rightsizingCandidate,
} from './analyzers/index.js';
export * from './render/index.js';
