/**
 * Vocabulary of the analysis report (ARCHITECTURE §4.2) that the engine, the backend's agents and the
 * `netra analyze` command share. The report schema itself grows with the engine.
 * @module
 */

/** Bumped whenever the report's shape changes incompatibly. */
export const REPORT_SCHEMA_VERSION = 1;

/** Every kind of savings opportunity the engine can report, in the order §4.2 defines them. */
export const OPPORTUNITY_KINDS = [
  'response_caching',
  'prompt_caching',
  'batch_api',
  'model_rightsizing',
  'error_waste',
  'output_length',
  'context_trimming',
  'provider_arbitrage',
  'reasoning_effort',
] as const;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

/** How much the data supports: the workflow branches on this (§3). */
export const DATA_SUFFICIENCY = ['sufficient', 'partial', 'insufficient'] as const;
export type DataSufficiency = (typeof DATA_SUFFICIENCY)[number];

/** Monthly figures scale the observed period to this many days. */
export const DAYS_PER_MONTH = 30;

/** Scales a cost observed over `periodDays` to a 30-day month. */
export function monthlyFromPeriod(amount: number, periodDays: number): number {
  if (!(periodDays > 0)) {
    throw new RangeError(`period must be a positive number of days (got ${periodDays})`);
  }
  return (amount * DAYS_PER_MONTH) / periodDays;
}
