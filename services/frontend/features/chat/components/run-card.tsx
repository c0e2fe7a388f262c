'use client';
/**
 * The response card of one run: its phase, the live connection and a Stop button while it runs,
 * the progress bar, the agent timeline, and how it ended. A run that had already ended when the
 * thread was opened folds its timeline away under its outcome.
 * @module
 */
import type { Run } from '@netra/shared/contracts';
import { useEffect, useRef } from 'react';
import { Alert, Badge, Button, Spinner, type Tone } from '@/components/ui';
import { useRunView } from '../hooks/use-run-view';
import { RUN_PHASE_LABELS } from '../lib/run-labels';
import { isEnded, type RunPhase, type RunView } from '../lib/run-view';
import { AgentTimeline } from './agent-timeline';
import { ConnectionStatus } from './connection-status';
import { RunOutcome } from './run-outcome';
import { RunProgress } from './run-progress';
import styles from './chat.module.css';

const PHASE_TONES: Readonly<Record<RunPhase, Tone>> = {
  queued: 'neutral',
  running: 'accent',
  completed: 'ok',
  failed: 'bad',
  cancelled: 'warn',
};

function Steps({ view, open }: { view: RunView; open: boolean }) {
  const body = (
    <>
      <RunProgress view={view} />
      <AgentTimeline agents={view.agents} />
    </>
  );
  return open ? (
    body
  ) : (
    <details className={styles.steps}>
      <summary>Agent steps</summary>
      {body}
    </details>
  );
}

/** A run that is live when its card appears (just started, or found running) is brought into view. */
function useRevealWhenLive(live: boolean) {
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (live) {
      card.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    }
    // Only when the card appears: later renders must not move the page under the reader.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return card;
}

export function RunCard({ run }: { run: Run }) {
  const { view, live, connection, loading, error, stop } = useRunView(run);
  const card = useRevealWhenLive(live);
  const ended = isEnded(view.phase);
  const headingId = `run-${run.id}`;
  return (
    <article
      ref={card}
      className={styles.runCard}
      aria-labelledby={headingId}
      data-run-id={run.id}
      data-phase={view.phase}
    >
      <header className={styles.runHead}>
        <h2 id={headingId} className={styles.runTitle}>
          Analysis
        </h2>
        <Badge tone={PHASE_TONES[view.phase]}>{RUN_PHASE_LABELS[view.phase]}</Badge>
        {live && !ended ? <ConnectionStatus connection={connection} /> : null}
        {live && !ended ? (
          <Button
            size="sm"
            variant="secondary"
            className={styles.stop}
            loading={stop.isPending}
            onClick={() => {
              stop.mutate();
            }}
          >
            Stop
          </Button>
        ) : null}
      </header>
      {stop.error === null ? null : (
        <Alert tone="bad" title="The run could not be stopped">
          {stop.error.message}
        </Alert>
      )}
      {loading ? <Spinner label="Loading the run" /> : null}
      {error === null ? null : (
        <Alert tone="bad" title="The run’s steps could not be loaded">
          {error.message}
        </Alert>
      )}
      <Steps view={view} open={live} />
      <RunOutcome view={view} />
    </article>
  );
}
