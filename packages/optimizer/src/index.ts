/**
 * @netra/optimizer: the optimization engine (price catalog, cost engine, workload profiling,
 * analyzers, savings plan). Pure domain code with no HTTP; used by the backend's agents and by
 * `netra analyze`.
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
export { RateCard, compileBands, type PriceTable, type PriceValue } from './pricing/rate-card.js';
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
