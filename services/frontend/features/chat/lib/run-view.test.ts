import type { Run, RunEvent } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { foldEvents, initialRunView, progressOf, reduceRunView, type RunView } from './run-view';

const RUN = '00000000-0000-4000-8000-0000000000a1';
const ts = '2026-12-04T12:00:00.000Z';
const base = { ts, run_id: RUN, thread_id: 't1' };

/** A run of the `sufficient` workflow, event by event, seq from 0. */
function sufficientRun(): RunEvent[] {
  const events: Omit<RunEvent, 'seq'>[] = [];
  const planned = 6;
  const steps = ['triage', 'data_sufficiency', 'data', 'optimization', 'actions', 'reporting'];
  steps.forEach((agent, index) => {
    events.push({ ...base, agent, type: 'agent_started', payload: {} });
    events.push({ ...base, agent, type: 'agent_thinking', payload: { text: `${agent} thinks` } });
    if (agent === 'data') {
      events.push({
        ...base,
        agent,
        type: 'tool_executing',
        payload: { tool: 'spend_query', call_id: 'c1' },
      });
      events.push({
        ...base,
        agent,
        type: 'tool_completed',
        payload: { tool: 'spend_query', call_id: 'c1', ok: true, duration_ms: 12 },
      });
    }
    events.push({ ...base, agent, type: 'agent_completed', payload: { duration_ms: 5 } });
    events.push({
      ...base,
      agent,
      type: 'progress_update',
      payload: {
        stage: agent,
        progress: (index + 1) / planned,
        message: `${index + 1} of ${planned} agents done`,
      },
    });
  });
  events.push({ ...base, agent: 'run', type: 'run_completed', payload: { report_id: 'rep-1' } });
  return events.map((event, seq) => ({ ...event, seq }) as RunEvent);
}

function stateOf(view: RunView): Record<string, string> {
  return Object.fromEntries(view.agents.map((agent) => [agent.name, agent.state]));
}

function snapshot(change: Partial<Run>): Run {
  return {
    id: RUN,
    org_id: '00000000-0000-4000-8000-000000000001',
    thread_id: '00000000-0000-4000-8000-000000000002',
    status: 'running',
    workflow: null,
    agents: ['triage', 'data_sufficiency'],
    current_agent: null,
    created_by: 'u1',
    created_at: ts,
    started_at: ts,
    ended_at: null,
    report_id: null,
    error: null,
    last_seq: -1,
    ...change,
  };
}

describe('reduceRunView', () => {
  it('reserves a pending row for every agent before the first event', () => {
    const view = initialRunView(RUN);
    expect(view.agents).toHaveLength(7);
    expect(new Set(Object.values(stateOf(view)))).toEqual(new Set(['pending']));
    expect(view.phase).toBe('queued');
  });

  it('follows a whole run: states, thinking, tools, progress and the skipped agent', () => {
    const events = sufficientRun();
    const midway = foldEvents(initialRunView(RUN), events.slice(0, 12));
    expect(midway.phase).toBe('running');
    expect(stateOf(midway)).toMatchObject({ triage: 'done', data_sufficiency: 'done', data: 'running' });
    const data = midway.agents.find((agent) => agent.name === 'data');
    expect(data?.latest).toBe('data thinks');
    expect(data?.tools).toEqual([{ callId: 'c1', tool: 'spend_query', state: 'ok', durationMs: 12 }]);
    expect(progressOf(midway)).toEqual({ finished: 2, planned: 6 });
    // Before sufficiency chose the workflow every agent may still run.
    expect(progressOf(foldEvents(initialRunView(RUN), events.slice(0, 5)))).toEqual({
      finished: 1,
      planned: 7,
    });

    const end = foldEvents(midway, events.slice(12));
    expect(end.phase).toBe('completed');
    expect(end.reportId).toBe('rep-1');
    expect(stateOf(end)).toEqual({
      triage: 'done',
      data_sufficiency: 'done',
      data_helper: 'skipped',
      data: 'done',
      optimization: 'done',
      actions: 'done',
      reporting: 'done',
    });
    expect(progressOf(end)).toEqual({ finished: 6, planned: 6 });
  });

  it('ignores duplicate and older seqs', () => {
    const events = sufficientRun();
    const once = foldEvents(initialRunView(RUN), events.slice(0, 5));
    const replayed = foldEvents(once, [events[1]!, events[2]!, events[2]!, events[4]!]);
    expect(replayed).toBe(once);
    const triage = replayed.agents.find((agent) => agent.name === 'triage');
    expect(triage?.thinking).toEqual(['triage thinks']);
  });

  it('applies early events in seq order once the gap is filled', () => {
    const events = sufficientRun();
    const shuffled = [events[0]!, events[3]!, events[2]!, events[3]!, events[1]!, events[4]!];
    const view = foldEvents(initialRunView(RUN), shuffled);
    expect(view.lastSeq).toBe(4);
    expect(view.early).toEqual({});
    expect(view).toEqual(foldEvents(initialRunView(RUN), events.slice(0, 5)));
  });

  it('holds events after a gap without applying them', () => {
    const events = sufficientRun();
    const view = foldEvents(initialRunView(RUN), [events[0]!, events[2]!]);
    expect(view.lastSeq).toBe(0);
    expect(Object.keys(view.early)).toEqual(['2']);
    expect(view.agents[0]?.thinking).toEqual([]);
  });

  it('resumes: a replay after a reconnect that overlaps what arrived gives the uninterrupted view', () => {
    const events = sufficientRun();
    const beforeDrop = foldEvents(initialRunView(RUN), events.slice(0, 9));
    const resumed = foldEvents(beforeDrop, events.slice(7));
    expect(resumed).toEqual(foldEvents(initialRunView(RUN), events));
  });

  it('marks a failed agent and keeps the run going', () => {
    const view = foldEvents(initialRunView(RUN), [
      { ...base, seq: 0, agent: 'optimization', type: 'agent_started', payload: {} },
      {
        ...base,
        seq: 1,
        agent: 'optimization',
        type: 'agent_error',
        payload: { code: 'timeout', message: 'took too long', retryable: false },
      },
    ]);
    expect(stateOf(view).optimization).toBe('failed');
    expect(view.agents.find((agent) => agent.name === 'optimization')?.error?.message).toBe('took too long');
    expect(view.phase).toBe('running');
    expect(progressOf(view).finished).toBe(1);
  });

  it('fails the run: the running agent failed, the rest skipped, the reason kept', () => {
    const view = foldEvents(initialRunView(RUN), [
      { ...base, seq: 0, agent: 'triage', type: 'agent_started', payload: {} },
      {
        ...base,
        seq: 1,
        agent: 'run',
        type: 'run_failed',
        payload: { code: 'no_report', message: 'No report' },
      },
    ]);
    expect(view.phase).toBe('failed');
    expect(view.error).toEqual({ code: 'no_report', message: 'No report' });
    expect(stateOf(view).triage).toBe('failed');
    expect(stateOf(view).reporting).toBe('skipped');
  });

  it('cancels: the running agent and the rest are skipped', () => {
    const view = foldEvents(initialRunView(RUN), [
      { ...base, seq: 0, agent: 'triage', type: 'agent_started', payload: {} },
      { ...base, seq: 1, agent: 'triage', type: 'agent_completed', payload: {} },
      { ...base, seq: 2, agent: 'data_sufficiency', type: 'agent_started', payload: {} },
      {
        ...base,
        seq: 3,
        agent: 'run',
        type: 'run_failed',
        payload: { code: 'cancelled', message: 'The run was cancelled' },
      },
    ]);
    expect(view.phase).toBe('cancelled');
    expect(stateOf(view)).toMatchObject({ triage: 'done', data_sufficiency: 'skipped', data: 'skipped' });
  });

  it('shows an agent’s own stage message as its latest text', () => {
    const view = foldEvents(initialRunView(RUN), [
      { ...base, seq: 0, agent: 'optimization', type: 'agent_started', payload: {} },
      {
        ...base,
        seq: 1,
        agent: 'optimization',
        type: 'progress_update',
        payload: { stage: 'ranked', progress: 1, message: '5 opportunities ranked' },
      },
    ]);
    expect(view.agents.find((agent) => agent.name === 'optimization')?.latest).toBe('5 opportunities ranked');
    expect(view.plannedCount).toBeNull();
  });

  it('takes the plan from a snapshot once the workflow is chosen', () => {
    const started = reduceRunView(initialRunView(RUN), { type: 'snapshot', run: snapshot({}) });
    expect(started.planned).toBeNull();
    expect(started.phase).toBe('running');
    const planned = reduceRunView(started, {
      type: 'snapshot',
      run: snapshot({
        workflow: 'insufficient',
        agents: ['triage', 'data_sufficiency', 'data_helper', 'reporting'],
      }),
    });
    expect(stateOf(planned)).toMatchObject({ data_helper: 'pending', data: 'skipped', reporting: 'pending' });
    expect(progressOf(planned)).toEqual({ finished: 0, planned: 4 });
  });

  it('takes the outcome of an ended run from a snapshot whose events are all applied', () => {
    const view = reduceRunView(initialRunView(RUN), {
      type: 'snapshot',
      run: snapshot({
        status: 'cancelled',
        error: { code: 'cancelled', message: 'The run was cancelled' },
        last_seq: -1,
      }),
    });
    expect(view.phase).toBe('cancelled');
    expect(view.error?.code).toBe('cancelled');
  });

  it('ignores a snapshot of another run', () => {
    const view = initialRunView(RUN);
    expect(reduceRunView(view, { type: 'snapshot', run: snapshot({ id: 'other' }) })).toBe(view);
  });
});
