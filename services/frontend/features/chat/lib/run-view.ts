/**
 * A run's event stream (ARCHITECTURE §4.3) folded into what the response card shows: one row per
 * agent of the workflow (all of them from the start, so rows never appear while events stream in),
 * each with its state, latest thinking and tool badges; the run's phase, progress and outcome.
 *
 * Pure: `reduceRunView(view, action)` with actions from the WebSocket / the events REST replay
 * (`event`) and from `GET …/runs/{id}` (`snapshot`, which says which agents the workflow plans).
 * Events are applied in seq order exactly once: a seq at or below the last applied one is ignored
 * (a replay overlapping what arrived), an early one waits until the seqs before it arrived.
 * @module
 */
import {
  AGENT_NAMES,
  type AgentName,
  type AnalysisReport,
  type Run,
  type RunEvent,
} from '@netra/shared/contracts';

export type AgentState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';
export type RunPhase = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface ToolBadge {
  callId: string;
  tool: string;
  state: 'running' | 'ok' | 'failed';
  durationMs: number | null;
}

export interface AgentView {
  name: AgentName;
  state: AgentState;
  /** The agent's latest thinking or stage message (what the row shows). */
  latest: string | null;
  thinking: readonly string[];
  tools: readonly ToolBadge[];
  error: { code: string; message: string } | null;
  durationMs: number | null;
}

export interface RunView {
  runId: string;
  phase: RunPhase;
  /** The last seq applied (-1 before the first). */
  lastSeq: number;
  /** Events that arrived ahead of a missing seq, applied once the gap is filled. */
  early: Readonly<Record<number, RunEvent>>;
  agents: readonly AgentView[];
  /** The workflow's agents in order, once a snapshot or the run's end told them. */
  planned: readonly AgentName[] | null;
  /** How many agents the workflow plans, as the last step's progress told it. */
  plannedCount: number | null;
  reportId: string | null;
  report: AnalysisReport | null;
  error: { code: string; message: string } | null;
}

export type RunAction = { type: 'event'; event: RunEvent } | { type: 'snapshot'; run: Run };

const AGENT_SET: ReadonlySet<string> = new Set(AGENT_NAMES);

function isAgentName(name: string): name is AgentName {
  return AGENT_SET.has(name);
}

function emptyAgent(name: AgentName): AgentView {
  return { name, state: 'pending', latest: null, thinking: [], tools: [], error: null, durationMs: null };
}

export function initialRunView(runId: string): RunView {
  return {
    runId,
    phase: 'queued',
    lastSeq: -1,
    early: {},
    agents: AGENT_NAMES.map(emptyAgent),
    planned: null,
    plannedCount: null,
    reportId: null,
    report: null,
    error: null,
  };
}

export function isEnded(phase: RunPhase): boolean {
  return phase === 'completed' || phase === 'failed' || phase === 'cancelled';
}

/** Agents done or failed, out of those the workflow plans (for the progress bar). */
export function progressOf(view: RunView): { finished: number; planned: number } {
  const finished = finishedCount(view);
  const fromRows = view.agents.filter((agent) => agent.state !== 'skipped').length;
  const planned = view.planned?.length ?? view.plannedCount ?? fromRows;
  return { finished, planned: Math.max(planned, finished) };
}

function updateAgent(view: RunView, name: string, change: (agent: AgentView) => AgentView): RunView {
  if (!isAgentName(name)) {
    return view;
  }
  return { ...view, agents: view.agents.map((agent) => (agent.name === name ? change(agent) : agent)) };
}

function withText(agent: AgentView, text: string): AgentView {
  return { ...agent, latest: text, thinking: [...agent.thinking, text] };
}

function withTool(agent: AgentView, badge: ToolBadge): AgentView {
  const known = agent.tools.some((tool) => tool.callId === badge.callId);
  const tools = known
    ? agent.tools.map((tool) => (tool.callId === badge.callId ? badge : tool))
    : [...agent.tools, badge];
  return { ...agent, tools };
}

function finishedCount(view: RunView): number {
  return view.agents.filter((agent) => agent.state === 'done' || agent.state === 'failed').length;
}

/** The workflow is chosen once data sufficiency has finished; before, only its head is planned. */
function workflowChosen(view: RunView): boolean {
  const sufficiency = view.agents.find((agent) => agent.name === 'data_sufficiency');
  return sufficiency?.state === 'done' || sufficiency?.state === 'failed';
}

/** A step's own progress event (stage = agent) says `progress = done / planned`. */
function plannedFromProgress(view: RunView, event: RunEvent & { type: 'progress_update' }): number | null {
  const { stage, progress } = event.payload;
  if (stage !== event.agent || progress === undefined || progress <= 0 || !workflowChosen(view)) {
    return view.plannedCount;
  }
  const finished = finishedCount(view);
  return Math.round(finished / progress);
}

/** Marks the agents a known plan leaves out as skipped (those not started yet). */
function applyPlan(view: RunView, planned: readonly AgentName[]): RunView {
  const agents = view.agents.map((agent) =>
    agent.state === 'pending' || agent.state === 'skipped'
      ? { ...agent, state: planned.includes(agent.name) ? ('pending' as const) : ('skipped' as const) }
      : agent,
  );
  return { ...view, planned, agents };
}

/** At the run's end: nothing still runs, nothing is pending any more. */
function settleAgents(view: RunView, running: AgentState): RunView {
  const agents = view.agents.map((agent) => {
    if (agent.state === 'running') {
      return { ...agent, state: running };
    }
    return agent.state === 'pending' ? { ...agent, state: 'skipped' as const } : agent;
  });
  return { ...view, agents };
}

function applyAgentEvent(view: RunView, event: RunEvent): RunView {
  switch (event.type) {
    case 'agent_started':
      return updateAgent(view, event.agent, (agent) => ({ ...agent, state: 'running' }));
    case 'agent_thinking':
      return updateAgent(view, event.agent, (agent) => withText(agent, event.payload.text));
    case 'tool_executing':
      return updateAgent(view, event.agent, (agent) =>
        withTool(agent, {
          callId: event.payload.call_id,
          tool: event.payload.tool,
          state: 'running',
          durationMs: null,
        }),
      );
    case 'tool_completed':
      return updateAgent(view, event.agent, (agent) =>
        withTool(agent, {
          callId: event.payload.call_id,
          tool: event.payload.tool,
          state: event.payload.ok ? 'ok' : 'failed',
          durationMs: event.payload.duration_ms ?? null,
        }),
      );
    case 'agent_completed':
      return updateAgent(view, event.agent, (agent) => ({
        ...agent,
        state: 'done',
        durationMs: event.payload.duration_ms ?? null,
      }));
    case 'agent_error':
      return updateAgent(view, event.agent, (agent) => ({
        ...agent,
        state: 'failed',
        error: { code: event.payload.code, message: event.payload.message },
      }));
    case 'progress_update':
    case 'final_report':
    case 'run_completed':
    case 'run_failed':
      return view;
  }
}

function applyRunEvent(view: RunView, event: RunEvent): RunView {
  switch (event.type) {
    case 'progress_update': {
      const withCount = { ...view, plannedCount: plannedFromProgress(view, event) };
      const { message } = event.payload;
      // A step's closing progress ("2 of 6 agents done") is the run's, not the agent's own stage.
      return message === undefined || event.payload.stage === event.agent
        ? withCount
        : updateAgent(withCount, event.agent, (agent) => withText(agent, message));
    }
    case 'final_report':
      return { ...view, reportId: event.payload.report_id, report: event.payload.report };
    case 'run_completed': {
      const done = settleAgents({ ...view, phase: 'completed' }, 'done');
      return { ...done, reportId: event.payload.report_id ?? view.reportId };
    }
    case 'run_failed': {
      const cancelled = event.payload.code === 'cancelled';
      const ended = settleAgents(
        { ...view, phase: cancelled ? 'cancelled' : 'failed' },
        cancelled ? 'skipped' : 'failed',
      );
      return { ...ended, error: { code: event.payload.code, message: event.payload.message } };
    }
    case 'agent_started':
    case 'agent_thinking':
    case 'tool_executing':
    case 'tool_completed':
    case 'agent_completed':
    case 'agent_error':
      return applyAgentEvent(view.phase === 'queued' ? { ...view, phase: 'running' } : view, event);
  }
}

/** Applies an event and then every early one it makes contiguous. */
function applyInOrder(view: RunView, event: RunEvent): RunView {
  if (event.seq <= view.lastSeq || view.early[event.seq] !== undefined) {
    return view;
  }
  if (event.seq > view.lastSeq + 1) {
    return { ...view, early: { ...view.early, [event.seq]: event } };
  }
  let next = { ...applyRunEvent(view, event), lastSeq: event.seq };
  for (
    let waiting = next.early[next.lastSeq + 1];
    waiting !== undefined;
    waiting = next.early[next.lastSeq + 1]
  ) {
    const { [waiting.seq]: _applied, ...rest } = next.early;
    next = { ...applyRunEvent({ ...next, early: rest }, waiting), lastSeq: waiting.seq };
  }
  return next;
}

const PHASE_OF_STATUS: Readonly<Record<Run['status'], RunPhase>> = {
  queued: 'queued',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

/**
 * A REST snapshot: the workflow's plan once sufficiency chose it, and the outcome of an ended run
 * (events remain the source of each agent's state; a snapshot never moves the phase backwards).
 */
function applySnapshot(view: RunView, run: Run): RunView {
  if (run.id !== view.runId) {
    return view;
  }
  const planned = run.workflow === null && !isEnded(PHASE_OF_STATUS[run.status]) ? null : run.agents;
  let next = planned === null || planned.length === 0 ? view : applyPlan(view, planned);
  if (!isEnded(next.phase) && isEnded(PHASE_OF_STATUS[run.status]) && run.last_seq <= next.lastSeq) {
    next = settleAgents({ ...next, phase: PHASE_OF_STATUS[run.status] }, 'skipped');
  }
  return {
    ...next,
    phase: next.phase === 'queued' && run.status === 'running' ? 'running' : next.phase,
    reportId: next.reportId ?? run.report_id,
    error: next.error ?? run.error,
  };
}

export function reduceRunView(view: RunView, action: RunAction): RunView {
  return action.type === 'event' ? applyInOrder(view, action.event) : applySnapshot(view, action.run);
}

/** Folds events (e.g. a REST replay, or what the socket delivered so far) onto a view. */
export function foldEvents(view: RunView, events: readonly RunEvent[]): RunView {
  return events.reduce((current, event) => reduceRunView(current, { type: 'event', event }), view);
}
