/**
 * Every PostgreSQL query of runs: the source of truth of a run (§5). Writes of an executing run are
 * fenced by its lease: a worker that lost the lease changes nothing and learns it from the result.
 * @module
 */
import { newId } from '@netra/shared';
import type { AgentName, Workflow } from '@netra/shared/contracts';
import { executeRows } from '@netra/shared/postgres';
import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { CursorPosition } from '#platform/http/cursor.js';
import { insertedRow, type AppDatabase } from '#platform/stores/postgres.js';
import {
  runCheckpoints,
  runEvents,
  runs,
  type RunCheckpointRow,
  type RunEventRow,
  type RunRow,
} from './runs.tables.js';

/** An event as stored: its place in the run and what it says. */
export interface StoredEvent {
  seq: number;
  type: string;
  agent: AgentName | null;
  payload: Record<string, unknown>;
  ts: Date;
}

export type ClaimResult =
  { kind: 'claimed'; run: RunRow } | { kind: 'missing' | 'ended' | 'busy' | 'org_limit' };

export interface CheckpointWrite {
  stepIndex: number;
  agent: AgentName;
  state: Record<string, unknown>;
  lastSeq: number;
  planned: AgentName[];
  nextAgent: AgentName | null;
  workflow: Workflow | null;
}

export interface RunEnd {
  status: 'completed' | 'failed' | 'cancelled';
  error: { code: string; message: string } | null;
}

const LIVE = ['queued', 'running'] as const;
const leaseEnd = (leaseMs: number) => sql`now() + ${leaseMs} * interval '1 millisecond'`;
const heldBy = (runId: string, worker: string) => and(eq(runs.id, runId), eq(runs.leaseOwner, worker));

/** Nobody holds the run: no lease yet, or the holder let it expire. */
const unheld = or(isNull(runs.leaseUntil), lt(runs.leaseUntil, sql`now()`));

function leaseTakenBy(worker: string, leaseMs: number) {
  return {
    status: 'running' as const,
    leaseOwner: worker,
    leaseUntil: leaseEnd(leaseMs),
    attempts: sql`${runs.attempts} + 1`,
    startedAt: sql`coalesce(${runs.startedAt}, now())`,
    updatedAt: sql`now()`,
  };
}

/** Runs of the organization other than this one that a worker executes now (a current lease). */
async function executingOthers(db: Pick<AppDatabase, 'select'>, run: RunRow): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(runs)
    .where(
      and(
        eq(runs.orgId, run.orgId),
        eq(runs.status, 'running'),
        ne(runs.id, run.id),
        gt(runs.leaseUntil, sql`now()`),
      ),
    );
  return row?.count ?? 0;
}

export class RunsRepository {
  constructor(private readonly db: AppDatabase) {}

  async create(input: { orgId: string; threadId: string; createdBy: string; text: string }): Promise<RunRow> {
    const rows = await this.db
      .insert(runs)
      .values({ id: newId(), ...input, agents: ['triage', 'data_sufficiency'] })
      .returning();
    return insertedRow(rows, 'run');
  }

  async find(orgId: string, runId: string): Promise<RunRow | undefined> {
    const rows = await this.db
      .select()
      .from(runs)
      .where(and(eq(runs.orgId, orgId), eq(runs.id, runId)))
      .limit(1);
    return rows[0];
  }

  /** Any organization's run: for the worker, which is handed bare run ids. */
  async findById(runId: string): Promise<RunRow | undefined> {
    const rows = await this.db.select().from(runs).where(eq(runs.id, runId)).limit(1);
    return rows[0];
  }

  /** Newest first, `limit + 1` rows so the caller knows whether a next page exists. */
  listOfThread(orgId: string, threadId: string, after: CursorPosition | undefined, limit: number) {
    const before =
      after === undefined
        ? undefined
        : or(lt(runs.createdAt, after.at), and(eq(runs.createdAt, after.at), lt(runs.id, after.id)));
    return this.db
      .select()
      .from(runs)
      .where(and(eq(runs.orgId, orgId), eq(runs.threadId, threadId), before))
      .orderBy(desc(runs.createdAt), desc(runs.id))
      .limit(limit + 1);
  }

  /**
   * Takes the lease when the run is live and nobody holds it, and while the organization has fewer
   * than `orgLimit` runs executing. The per-organization lock makes the count and the claim one step,
   * so two workers never both take the last free place.
   */
  async claim(runId: string, worker: string, leaseMs: number, orgLimit: number): Promise<ClaimResult> {
    return this.db.transaction(async (tx) => {
      const [run] = await tx.select().from(runs).where(eq(runs.id, runId)).limit(1);
      if (run === undefined) {
        return { kind: 'missing' };
      }
      if (run.status !== 'queued' && run.status !== 'running') {
        return { kind: 'ended' };
      }
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${run.orgId}::text))`);
      if ((await executingOthers(tx, run)) >= orgLimit) {
        return { kind: 'org_limit' };
      }
      const [claimed] = await tx
        .update(runs)
        .set(leaseTakenBy(worker, leaseMs))
        .where(and(eq(runs.id, runId), inArray(runs.status, [...LIVE]), unheld))
        .returning();
      return claimed === undefined ? { kind: 'busy' } : { kind: 'claimed', run: claimed };
    });
  }

  /** Extends the lease; null when it was lost. Tells whether a cancel was asked meanwhile. */
  async renew(runId: string, worker: string, leaseMs: number): Promise<{ cancelRequested: boolean } | null> {
    const rows = await this.db
      .update(runs)
      .set({ leaseUntil: leaseEnd(leaseMs), updatedAt: sql`now()` })
      .where(and(heldBy(runId, worker), eq(runs.status, 'running')))
      .returning({ cancelRequestedAt: runs.cancelRequestedAt });
    const row = rows[0];
    return row === undefined ? null : { cancelRequested: row.cancelRequestedAt !== null };
  }

  /** Lets go of the lease (a worker shutting down), so any worker claims the run at once. */
  async release(runId: string, worker: string): Promise<boolean> {
    const rows = await this.db
      .update(runs)
      .set({ leaseOwner: null, leaseUntil: sql`now()`, updatedAt: sql`now()` })
      .where(heldBy(runId, worker))
      .returning({ id: runs.id });
    return rows.length > 0;
  }

  /** The step's state and the run's progress in one transaction; false when the lease was lost. */
  async checkpoint(runId: string, worker: string, write: CheckpointWrite): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const updated = await tx
        .update(runs)
        .set({
          state: write.state,
          lastSeq: sql`greatest(${runs.lastSeq}, ${write.lastSeq})`,
          currentAgent: write.nextAgent,
          agents: write.planned,
          workflow: write.workflow,
          updatedAt: sql`now()`,
        })
        .where(heldBy(runId, worker))
        .returning({ id: runs.id });
      if (updated.length === 0) {
        return false;
      }
      await tx
        .insert(runCheckpoints)
        .values({
          runId,
          worker,
          stepIndex: write.stepIndex,
          agent: write.agent,
          state: write.state,
          lastSeq: write.lastSeq,
        })
        .onConflictDoNothing();
      return true;
    });
  }

  async lastCheckpoint(runId: string): Promise<RunCheckpointRow | undefined> {
    const rows = await this.db
      .select()
      .from(runCheckpoints)
      .where(eq(runCheckpoints.runId, runId))
      .orderBy(desc(runCheckpoints.stepIndex))
      .limit(1);
    return rows[0];
  }

  checkpoints(runId: string): Promise<RunCheckpointRow[]> {
    return this.db
      .select()
      .from(runCheckpoints)
      .where(eq(runCheckpoints.runId, runId))
      .orderBy(asc(runCheckpoints.stepIndex));
  }

  /**
   * Stores one event (a repeat of a stored seq changes nothing) and raises the run's last seq, fenced
   * by the lease; false when the lease was lost.
   */
  async appendEvent(runId: string, worker: string, event: StoredEvent): Promise<boolean> {
    const rows = await executeRows<{ held: number }>(
      this.db,
      sql`with fenced as (
            update ${runs} set last_seq = greatest(${runs.lastSeq}, ${event.seq}), updated_at = now()
            where ${runs.id} = ${runId} and ${runs.leaseOwner} = ${worker}
            returning ${runs.id} as id
          ), stored as (
            insert into ${runEvents} (run_id, seq, type, agent, payload, ts)
            select id, ${event.seq}, ${event.type}, ${event.agent}, ${JSON.stringify(event.payload)}::jsonb,
                   ${event.ts.toISOString()}::timestamptz
            from fenced
            on conflict (run_id, seq) do nothing
          )
          select count(*)::int as held from fenced`,
    );
    return (rows[0]?.held ?? 0) > 0;
  }

  /** The highest stored seq (-1 before the first event). */
  async maxStoredSeq(runId: string): Promise<number> {
    const [row] = await this.db
      .select({ max: sql<number | null>`max(${runEvents.seq})` })
      .from(runEvents)
      .where(eq(runEvents.runId, runId));
    return row?.max ?? -1;
  }

  eventsAfter(runId: string, afterSeq: number, limit: number): Promise<RunEventRow[]> {
    return this.db
      .select()
      .from(runEvents)
      .where(and(eq(runEvents.runId, runId), gt(runEvents.seq, afterSeq)))
      .orderBy(asc(runEvents.seq))
      .limit(limit);
  }

  /** How many events each agent emitted in the run (run-level events under null). */
  async eventCounts(runId: string): Promise<Map<string | null, number>> {
    const rows = await this.db
      .select({ agent: runEvents.agent, count: sql<number>`count(*)::int` })
      .from(runEvents)
      .where(eq(runEvents.runId, runId))
      .groupBy(runEvents.agent);
    return new Map(rows.map((row) => [row.agent, row.count]));
  }

  /** Remembers the saved report, so a resumed run never saves it twice. */
  async setReport(runId: string, worker: string, reportId: string): Promise<boolean> {
    const rows = await this.db
      .update(runs)
      .set({ reportId, updatedAt: sql`now()` })
      .where(heldBy(runId, worker))
      .returning({ id: runs.id });
    return rows.length > 0;
  }

  /** Ends the run and lets go of the lease; undefined when the lease was lost. */
  async finish(runId: string, worker: string, end: RunEnd): Promise<RunRow | undefined> {
    const rows = await this.db
      .update(runs)
      .set({
        ...end,
        currentAgent: null,
        leaseOwner: null,
        leaseUntil: null,
        endedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(heldBy(runId, worker))
      .returning();
    return rows[0];
  }

  /** Asks an executing run to stop; undefined when the run is not live (or not the org's). */
  async requestCancel(orgId: string, runId: string): Promise<RunRow | undefined> {
    const rows = await this.db
      .update(runs)
      .set({ cancelRequestedAt: sql`coalesce(${runs.cancelRequestedAt}, now())`, updatedAt: sql`now()` })
      .where(and(eq(runs.orgId, orgId), eq(runs.id, runId), inArray(runs.status, [...LIVE])))
      .returning();
    return rows[0];
  }

  /**
   * Cancels a run no worker holds (queued, or its worker died) at once, with its `run_failed`
   * event; undefined when a worker holds it (that worker stops it).
   */
  async cancelUnheld(runId: string, event: Omit<StoredEvent, 'seq'>): Promise<StoredEvent | undefined> {
    return this.db.transaction(async (tx) => {
      const [run] = await tx
        .update(runs)
        .set({
          status: 'cancelled',
          error: { code: 'cancelled', message: String(event.payload.message) },
          lastSeq: sql`${runs.lastSeq} + 1`,
          currentAgent: null,
          // A worker whose lease lapsed but that still runs finds it gone at its next write.
          leaseOwner: null,
          leaseUntil: null,
          endedAt: sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(runs.id, runId), inArray(runs.status, [...LIVE]), unheld))
        .returning({ lastSeq: runs.lastSeq });
      if (run === undefined) {
        return undefined;
      }
      const stored = { ...event, seq: run.lastSeq };
      await tx.insert(runEvents).values({ runId, ...stored });
      return stored;
    });
  }

  /** Runs of the organization executing now (their lease is current). */
  async runningCount(orgId: string): Promise<number> {
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int` })
      .from(runs)
      .where(and(eq(runs.orgId, orgId), eq(runs.status, 'running'), gt(runs.leaseUntil, sql`now()`)));
    return row?.count ?? 0;
  }

  /**
   * Live runs nobody executes: their lease expired (the worker died), or they have waited queued
   * longer than `queuedForMs` without a lease (their job was lost, e.g. Redis was down at enqueue).
   */
  async orphans(queuedForMs: number, limit: number): Promise<{ id: string; orgId: string }[]> {
    return this.db
      .select({ id: runs.id, orgId: runs.orgId })
      .from(runs)
      .where(
        and(
          inArray(runs.status, [...LIVE]),
          or(
            lt(runs.leaseUntil, sql`now()`),
            and(
              isNull(runs.leaseUntil),
              lt(runs.createdAt, sql`now() - ${queuedForMs} * interval '1 millisecond'`),
            ),
          ),
        ),
      )
      .orderBy(asc(runs.createdAt))
      .limit(limit);
  }

  /** The thread's latest completed run before `before`, for a follow-up's context. */
  async lastCompletedOfThread(threadId: string, before: Date): Promise<RunRow | undefined> {
    const rows = await this.db
      .select()
      .from(runs)
      .where(and(eq(runs.threadId, threadId), eq(runs.status, 'completed'), lt(runs.createdAt, before)))
      .orderBy(desc(runs.createdAt))
      .limit(1);
    return rows[0];
  }
}
