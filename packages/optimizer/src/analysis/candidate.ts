import type { AnalysisSettings } from './usage-source.js';
import type { Change } from './change.js';
import type { WorkloadProfile } from './workload-profile.js';
import type { PriceCatalog } from '#pricing/price-catalog.js';
import type { Opportunity } from '@netra/shared/contracts';

/** An opportunity before its dollars are measured: the evidence, the advice, and the change it proposes. */
export type Candidate = Omit<Opportunity, 'monthly_savings_usd' | 'savings_pct_of_baseline'> & {
  change: Change;
};

export interface AnalyzerContext {
  profile: WorkloadProfile;
  catalog: PriceCatalog;
  settings: AnalysisSettings;
}

/**
 * Finds the opportunities of one kind in a profile. Pure: no I/O. Claims that need a field the data
 * lacks are not made (e.g. no caching claims without hashes).
 */
export type Analyzer = (context: AnalyzerContext) => Candidate[];
