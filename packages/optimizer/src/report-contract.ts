/**
 * Vocabulary of the analysis report (ARCHITECTURE §4.2) that the engine, the backend's agents and the
 * `netra analyze` command share. The report's schema and its kinds live in `@netra/shared/contracts`
 * (the web app reads the same report); the monthly rule is the engine's.
 * @module
 */

export {
  DATA_SUFFICIENCY,
  OPPORTUNITY_KINDS,
  REPORT_SCHEMA_VERSION,
  type DataSufficiency,
  type OpportunityKind,
} from '@netra/shared/contracts';

/** Monthly figures scale the observed period to this many days. */
export const DAYS_PER_MONTH = 30;

/** Scales a cost observed over `periodDays` to a 30-day month. */
export function monthlyFromPeriod(amount: number, periodDays: number): number {
  if (!(periodDays > 0)) {
    throw new RangeError(`period must be a positive number of days (got ${periodDays})`);
  }
  return (amount * DAYS_PER_MONTH) / periodDays;
}
