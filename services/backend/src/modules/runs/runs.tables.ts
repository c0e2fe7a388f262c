import type { AgentName, RunStatus, Workflow } from '@netra/shared/contracts';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from '#modules/organizations/organizations.tables.js';
import { threads } from '#modules/threads/threads.tables.js';
import { users } from '#modules/users/users.tables.js';
import { appSchema } from '#platform/stores/postgres-schema.js';

const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * One agent run (ARCHITECTURE §3, §5): PostgreSQL is its source of truth. A worker executes it only
 * while it holds the lease (`lease_owner` until `lease_until`); every checkpoint is fenced by it.
 */
export const runs = appSchema.table(
  'runs',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The user's message the run answers. */
    text: text('text').notNull(),
    status: text('status').$type<RunStatus>().notNull().default('queued'),
    workflow: text('workflow').$type<Workflow>(),
    /** The WorkflowState after the last checkpointed step; null before the first. */
    state: jsonb('state').$type<Record<string, unknown>>(),
    /** The agents run so far and still planned, in order. */
    agents: text('agents')
      .array()
      .$type<AgentName[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    currentAgent: text('current_agent').$type<AgentName>(),
    /** The highest event seq stored (-1 before the first). */
    lastSeq: integer('last_seq').notNull().default(-1),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestampMs('lease_until'),
    /** How many times a worker claimed the run (1 without a crash). */
    attempts: integer('attempts').notNull().default(0),
    cancelRequestedAt: timestampMs('cancel_requested_at'),
    error: jsonb('error').$type<{ code: string; message: string }>(),
    /** The saved report (the reports module's table; no foreign key across modules). */
    reportId: uuid('report_id'),
    /** Millisecond precision: it is the run's `now`, which must survive a round trip exactly. */
    createdAt: timestampMs('created_at').notNull().defaultNow(),
    startedAt: timestampMs('started_at'),
    endedAt: timestampMs('ended_at'),
    updatedAt: timestampMs('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('runs_org_recent_idx').on(table.orgId, table.createdAt.desc()),
    index('runs_thread_recent_idx').on(table.threadId, table.createdAt.desc()),
    index('runs_status_lease_idx').on(table.status, table.leaseUntil),
    check(
      'runs_status_check',
      sql`${table.status} in ('queued', 'running', 'completed', 'failed', 'cancelled')`,
    ),
  ],
);

/** The state after each step, so a resumed run continues after the last finished step. */
export const runCheckpoints = appSchema.table(
  'run_checkpoints',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    stepIndex: integer('step_index').notNull(),
    agent: text('agent').$type<AgentName>().notNull(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    lastSeq: integer('last_seq').notNull(),
    worker: text('worker').notNull(),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.stepIndex] })],
);

/** Every event of a run (§4.3), by its seq: the exact replay behind `GET …/events`. */
export const runEvents = appSchema.table(
  'run_events',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    agent: text('agent').$type<AgentName>(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    ts: timestampMs('ts').notNull(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.seq] })],
);

export type RunRow = typeof runs.$inferSelect;
export type RunCheckpointRow = typeof runCheckpoints.$inferSelect;
export type RunEventRow = typeof runEvents.$inferSelect;
