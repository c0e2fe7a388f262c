/**
 * The words the response card uses for states: the connection, each agent, the run. Text carries
 * the meaning (the colour only repeats it), so the Playwright suite and screen readers read these.
 * @module
 */
import type { AgentName } from '@netra/shared/contracts';
import type { ConnectionSnapshot } from '@/lib/ws';
import type { AgentState, RunPhase } from './run-view';

export type ConnectionTone = 'ok' | 'warn' | 'bad';

/**
 * `Connected`; `Reconnecting…` while the socket retries; `Offline` while the browser has no network
 * (it resumes when the network is back); `Disconnected` when it gave up (signed out, refused).
 */
export function connectionLabel(connection: ConnectionSnapshot): { text: string; tone: ConnectionTone } {
  switch (connection.state) {
    case 'open':
      return { text: 'Connected', tone: 'ok' };
    case 'idle':
    case 'connecting':
      return { text: 'Connecting…', tone: 'warn' };
    case 'reconnecting':
      return { text: 'Reconnecting…', tone: 'warn' };
    case 'offline':
      return { text: 'Offline', tone: 'bad' };
    case 'closed':
      return { text: 'Disconnected', tone: 'bad' };
  }
}

export const AGENT_LABELS: Readonly<Record<AgentName, string>> = {
  triage: 'Triage',
  data_sufficiency: 'Data sufficiency',
  data_helper: 'Data helper',
  data: 'Data',
  optimization: 'Optimization',
  actions: 'Actions',
  reporting: 'Reporting',
};

export const AGENT_STATE_LABELS: Readonly<Record<AgentState, string>> = {
  pending: 'Pending',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
};

export const RUN_PHASE_LABELS: Readonly<Record<RunPhase, string>> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** `1.2 s` / `350 ms`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
