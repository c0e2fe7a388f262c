import { describe, expect, it } from 'vitest';
import { historyRows } from './run-history.js';
import type { RunCheckpointRow, RunRow } from './runs.tables.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

const run = {
  id: 'run-1',
  orgId: 'org-1',
  threadId: 'thread-1',
  status: 'completed',
  workflow: 'insufficient',
  createdAt: at(0),
  startedAt: at(1),
  state: {
    failures: [{ agent: 'data_helper', code: 'timeout', message: 'did not finish' }],
    done: ['triage', 'data_sufficiency', 'data_helper', 'reporting'],
  },
} as unknown as RunRow;

function checkpoint(stepIndex: number, agent: string, endedAt: number, worker: string): RunCheckpointRow {
  return {
    runId: run.id,
    stepIndex,
    agent,
    state: {},
    lastSeq: 0,
    worker,
    createdAt: at(endedAt),
  } as RunCheckpointRow;
}

describe('run history rows', () => {
  const rows = historyRows(
    run,
    [checkpoint(0, 'triage', 3, 'w1'), checkpoint(1, 'data_helper', 7, 'w2')],
    new Map<string | null, number>([
      ['triage', 5],
      ['data_helper', 4],
      [null, 2],
    ]),
    at(9),
  );

  it('times each step from the end of the one before (the first from the run’s start)', () => {
    expect(rows.map((row) => [row.started_at, row.ended_at, row.duration_ms])).toEqual([
      ['2026-01-01 00:00:01.000', '2026-01-01 00:00:03.000', 2000],
      ['2026-01-01 00:00:03.000', '2026-01-01 00:00:07.000', 4000],
    ]);
  });

  it('marks a step failed with its failure’s code and counts its agent’s events and worker', () => {
    expect(rows.map((row) => [row.agent, row.ok, row.error_code, row.events, row.worker])).toEqual([
      ['triage', true, '', 5, 'w1'],
      ['data_helper', false, 'timeout', 4, 'w2'],
    ]);
    expect(rows[0]).toMatchObject({ run_status: 'completed', workflow: 'insufficient', org_id: 'org-1' });
  });
});
