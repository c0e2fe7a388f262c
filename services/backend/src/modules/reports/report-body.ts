/**
 * What a run report is apart from its ids and time: the Reporting agent's draft. The reports table
 * stores it as is; the ids and the time come from the row.
 * @module
 */
import type { RunReport } from '@netra/shared/contracts';

export type ReportBody = Omit<RunReport, 'id' | 'org_id' | 'run_id' | 'thread_id' | 'created_at'>;
