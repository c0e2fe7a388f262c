/**
 * Agent runs (ARCHITECTURE §3, §4.5): a run answers one user message on a thread through the
 * adaptive workflow; its events (§4.3) carry a per-run `seq` so they can be replayed exactly.
 * @module
 */
import { z } from 'zod';
import { plainText } from './text.js';
import { runEventSchema } from './websocket.js';

const isoDate = z.iso.datetime({ offset: true });

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** A run in one of these statuses will not change any more. */
export const ENDED_RUN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

/** The agents of §3, by the name their events carry. */
export const AGENT_NAMES = [
  'triage',
  'data_sufficiency',
  'data_helper',
  'data',
  'optimization',
  'actions',
  'reporting',
] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

/** The three workflows of §3, named after the data sufficiency that selects them. */
export const WORKFLOWS = ['sufficient', 'partial', 'insufficient'] as const;
export type Workflow = (typeof WORKFLOWS)[number];

export const runErrorSchema = z.object({ code: z.string(), message: z.string() });

export const runSchema = z.object({
  id: z.uuid(),
  org_id: z.uuid(),
  thread_id: z.uuid(),
  status: z.enum(RUN_STATUSES),
  /** Null until data sufficiency has chosen it. */
  workflow: z.enum(WORKFLOWS).nullable(),
  /** The agents run so far and still planned, in order. */
  agents: z.array(z.enum(AGENT_NAMES)),
  current_agent: z.enum(AGENT_NAMES).nullable(),
  created_by: z.string(),
  created_at: isoDate,
  started_at: isoDate.nullable(),
  ended_at: isoDate.nullable(),
  report_id: z.uuid().nullable(),
  error: runErrorSchema.nullable(),
  /** The highest event `seq` emitted so far (-1 before the first). */
  last_seq: z.number().int().min(-1),
});
export type Run = z.infer<typeof runSchema>;

/** `POST …/threads/{id}/runs`: the user's message; it is added to the thread and answered by the run. */
export const startRunBodySchema = z.object({ text: plainText({ min: 1, max: 32_000 }) });
export type StartRunBody = z.infer<typeof startRunBodySchema>;

export const runEventsQuerySchema = z.object({
  /** Events with a greater `seq`; from the first when omitted. */
  after_seq: z.coerce.number().int().min(-1).default(-1),
  limit: z.coerce.number().int().min(1).max(1_000).default(500),
});

export const runEventsPageSchema = z.object({
  events: z.array(runEventSchema),
  /** Pass as `after_seq` to continue. */
  next_after_seq: z.number().int().min(-1),
  /** True once the run has ended and every event up to its last was returned. */
  complete: z.boolean(),
});
export type RunEventsPage = z.infer<typeof runEventsPageSchema>;
