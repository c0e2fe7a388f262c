/**
 * The agent timeline: one fixed-height row per agent of the workflow, present from the first
 * render, so rows only change their content while events stream in (no layout shift).
 * @module
 */
import { Badge, type Tone } from '@/components/ui';
import { AGENT_LABELS, AGENT_STATE_LABELS, formatDuration } from '../lib/run-labels';
import type { AgentState, AgentView, ToolBadge } from '../lib/run-view';
import styles from './chat.module.css';

const STATE_TONES: Readonly<Record<AgentState, Tone>> = {
  pending: 'neutral',
  running: 'accent',
  done: 'ok',
  failed: 'bad',
  skipped: 'neutral',
};

const TOOL_STATE_LABELS: Readonly<Record<ToolBadge['state'], string>> = {
  running: 'running',
  ok: 'done',
  failed: 'failed',
};

function ToolBadges({ tools }: { tools: readonly ToolBadge[] }) {
  return (
    <ul className={styles.tools} aria-label="Tools">
      {tools.map((tool) => (
        <li key={tool.callId}>
          <Badge tone={tool.state === 'failed' ? 'bad' : tool.state === 'ok' ? 'neutral' : 'accent'}>
            {tool.tool} · {TOOL_STATE_LABELS[tool.state]}
            {tool.durationMs === null ? '' : ` · ${formatDuration(tool.durationMs)}`}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** What a row without thinking text says. */
const IDLE_TEXT: Readonly<Record<AgentState, string>> = {
  pending: 'Waiting',
  running: 'Working…',
  done: '',
  failed: '',
  skipped: 'Not needed in this workflow',
};

/** What the row says under the agent's name: its error, latest thinking, or why it has none. */
function rowText(agent: AgentView): string {
  if (agent.error !== null) {
    return agent.error.message;
  }
  if (agent.latest !== null) {
    return agent.latest;
  }
  return IDLE_TEXT[agent.state];
}

function AgentRow({ agent }: { agent: AgentView }) {
  const label = AGENT_LABELS[agent.name];
  const text = rowText(agent);
  return (
    <li
      className={styles.agentRow}
      data-state={agent.state}
      aria-label={`${label}: ${AGENT_STATE_LABELS[agent.state]}`}
    >
      <span className={styles.agentDot} aria-hidden="true" />
      <div className={styles.agentBody}>
        <div className={styles.agentHead}>
          <span className={styles.agentName}>{label}</span>
          <Badge tone={STATE_TONES[agent.state]}>{AGENT_STATE_LABELS[agent.state]}</Badge>
          {agent.durationMs === null ? null : (
            <span className={styles.agentDuration}>{formatDuration(agent.durationMs)}</span>
          )}
        </div>
        <p className={styles.agentText} title={text}>
          {text}
        </p>
        <ToolBadges tools={agent.tools} />
      </div>
    </li>
  );
}

export function AgentTimeline({ agents }: { agents: readonly AgentView[] }) {
  return (
    <ol className={styles.timeline} aria-label="Agent timeline">
      {agents.map((agent) => (
        <AgentRow key={agent.name} agent={agent} />
      ))}
    </ol>
  );
}
