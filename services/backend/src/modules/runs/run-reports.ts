/**
 * Where a finished run's report goes: the reports module stores it (and its recommendations). The
 * port keeps the runs module free of the reports module's tables.
 * @module
 */
import { newId } from '@netra/shared';
import type { ReportDraft } from '#modules/agents/workflow-state.js';

export interface SaveRunReport {
  orgId: string;
  runId: string;
  threadId: string;
  /** The run's creation time: the report's time, the same however often the run resumed. */
  createdAt: Date;
  draft: ReportDraft;
}

export interface RunReports {
  /** Stores the run's report; saving the same run's report again returns the first one's id. */
  save(input: SaveRunReport): Promise<{ id: string }>;
}

/**
 * A stand-in that stores nothing and names each run's report with a fresh id, for compositions
 * without the reports module. The run still remembers its report id, so it never asks twice.
 */
export const unstoredRunReports: RunReports = {
  save: () => Promise.resolve({ id: newId() }),
};
