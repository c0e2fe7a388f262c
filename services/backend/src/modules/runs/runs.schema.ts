import {
  pageQuerySchema,
  pageSchema,
  runEventsPageSchema,
  runEventsQuerySchema,
  runSchema,
  startRunBodySchema,
  type Run,
  type RunEvent,
} from '@netra/shared/contracts';
import { z } from 'zod';
import { RUN_AGENT } from './run-event-log.js';
import type { RunEventRow, RunRow } from './runs.tables.js';

export {
  pageQuerySchema,
  pageSchema,
  runEventsPageSchema,
  runEventsQuerySchema,
  runSchema,
  startRunBodySchema,
};

export const runParamsSchema = z.object({ org_id: z.string(), run_id: z.uuid() });
export const threadRunsParamsSchema = z.object({ org_id: z.string(), thread_id: z.uuid() });

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

export function presentRun(row: RunRow): Run {
  return {
    id: row.id,
    org_id: row.orgId,
    thread_id: row.threadId,
    status: row.status,
    workflow: row.workflow,
    agents: row.agents,
    current_agent: row.currentAgent,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    started_at: iso(row.startedAt),
    ended_at: iso(row.endedAt),
    report_id: row.reportId,
    error: row.error,
    last_seq: row.lastSeq,
  };
}

/** A stored event as §4.3 sends it: run-level events carry the agent `run`. */
export function presentEvent(row: RunEventRow, threadId: string): RunEvent {
  return {
    type: row.type,
    payload: row.payload,
    ts: row.ts.toISOString(),
    run_id: row.runId,
    thread_id: threadId,
    agent: row.agent ?? RUN_AGENT,
    seq: row.seq,
  } as RunEvent;
}
