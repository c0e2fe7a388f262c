/**
 * The ClickHouse tier of runs (§5): when a run ends, one `run_history` row per step, derived from
 * the run's PostgreSQL checkpoints and events, so the history is the same whichever worker ran a step.
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { workflowStateSchema } from '#modules/agents/workflow-state.js';
import type { RunsRepository } from './runs.repository.js';
import type { RunCheckpointRow, RunRow } from './runs.tables.js';

const COLUMNS = [
  'org_id',
  'run_id',
  'thread_id',
  'step_index',
  'agent',
  'ok',
  'error_code',
  'started_at',
  'ended_at',
  'duration_ms',
  'events',
  'workflow',
  'run_status',
  'worker',
  'written_at',
] as const;

type HistoryRow = Record<(typeof COLUMNS)[number], string | number | boolean>;

/** ISO-8601 UTC as ClickHouse reads DateTime64 in JSON rows. */
const clickHouseTime = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

function failureCodes(run: RunRow): Map<string, string> {
  const parsed = workflowStateSchema.safeParse(run.state ?? {});
  const failures = parsed.success ? parsed.data.failures : [];
  return new Map(failures.map((failure) => [failure.agent, failure.code]));
}

export function historyRows(
  run: RunRow,
  checkpoints: readonly RunCheckpointRow[],
  eventCounts: ReadonlyMap<string | null, number>,
  now: Date,
): HistoryRow[] {
  const failures = failureCodes(run);
  let previousEnd = run.startedAt ?? run.createdAt;
  return checkpoints.map((checkpoint) => {
    const startedAt = previousEnd;
    previousEnd = checkpoint.createdAt;
    const errorCode = failures.get(checkpoint.agent) ?? '';
    return {
      org_id: run.orgId,
      run_id: run.id,
      thread_id: run.threadId,
      step_index: checkpoint.stepIndex,
      agent: checkpoint.agent,
      ok: errorCode === '',
      error_code: errorCode,
      started_at: clickHouseTime(startedAt),
      ended_at: clickHouseTime(checkpoint.createdAt),
      duration_ms: Math.max(0, checkpoint.createdAt.getTime() - startedAt.getTime()),
      events: eventCounts.get(checkpoint.agent) ?? 0,
      workflow: run.workflow ?? '',
      run_status: run.status,
      worker: checkpoint.worker,
      written_at: clickHouseTime(now),
    };
  });
}

export class RunHistory {
  readonly #store: ClickHouseStore;
  readonly #table: string;

  constructor(
    store: ClickHouseStore,
    private readonly repository: RunsRepository,
  ) {
    this.#store = store;
    this.#table = store.table('run_history');
  }

  /** Writes the ended run's steps; returns how many rows. */
  async write(run: RunRow): Promise<number> {
    const [checkpoints, counts] = await Promise.all([
      this.repository.checkpoints(run.id),
      this.repository.eventCounts(run.id),
    ]);
    const rows = historyRows(run, checkpoints, counts, new Date());
    if (rows.length === 0) {
      return 0;
    }
    const lines = rows.map((row) => JSON.stringify(COLUMNS.map((column) => row[column])));
    await this.#store.insertCompactJson(this.#table, COLUMNS, Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
    return rows.length;
  }

  /** The stored steps of a run, in order (tests and the bench read them). */
  stepsOf(
    orgId: string,
    runId: string,
  ): Promise<{ step_index: number; agent: string; ok: boolean; worker: string }[]> {
    return this.#store.queryRows(
      `SELECT step_index, agent, ok, worker FROM ${this.#table} FINAL ` +
        `WHERE org_id = {org_id:String} AND run_id = {run_id:String} ORDER BY step_index`,
      { org_id: orgId, run_id: runId },
    );
  }
}
