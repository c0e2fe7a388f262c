'use client';
/**
 * `useRunStream(runId)`: the events of one agent run, live, in seq order, each once — across
 * reconnects (the socket resumes with `after_seq`) — plus the connection state. Pass `afterSeq`
 * when the screen already shows events up to that seq (e.g. from `GET …/runs/{id}/events`).
 * @module
 */
import type { RunEvent } from '@netra/shared/contracts';
import { useEffect, useState } from 'react';
import type { ConnectionSnapshot, RunSocket } from './run-socket';
import { useConnectionState, useRunSocket } from './run-socket-provider';

export interface RunStream {
  events: readonly RunEvent[];
  /** The run ended (`run_completed` or `run_failed` arrived). */
  ended: boolean;
  connection: ConnectionSnapshot;
}

interface Collected {
  runId: string | null;
  events: RunEvent[];
}

/**
 * Adds an event to what the hook holds for `runId`. A re-follow (strict mode, a new socket after an
 * organization switch) replays from `afterSeq`: seqs the list already ends with are skipped.
 */
function appendEvent(previous: Collected, runId: string, event: RunEvent): Collected {
  if (previous.runId !== runId) {
    return { runId, events: [event] };
  }
  const last = previous.events.at(-1)?.seq ?? -1;
  return event.seq > last ? { runId, events: [...previous.events, event] } : previous;
}

/** Collects the run's events from the socket while mounted. */
function useRunEvents(socket: RunSocket | null, runId: string | null, afterSeq?: number): RunEvent[] {
  const [collected, setCollected] = useState<Collected>({ runId, events: [] });
  useEffect(() => {
    if (socket === null || runId === null) {
      return undefined;
    }
    return socket.follow(
      runId,
      (event) => {
        setCollected((previous) => appendEvent(previous, runId, event));
      },
      afterSeq,
    );
  }, [socket, runId, afterSeq]);
  return collected.runId === runId ? collected.events : [];
}

export function useRunStream(runId: string | null, afterSeq?: number): RunStream {
  const events = useRunEvents(useRunSocket(), runId, afterSeq);
  const connection = useConnectionState();
  const ended = events.some((event) => event.type === 'run_completed' || event.type === 'run_failed');
  return { events, ended, connection };
}
