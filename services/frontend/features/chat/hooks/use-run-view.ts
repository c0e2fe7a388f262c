'use client';
/**
 * One run as its response card shows it. A run still in progress when the card mounts is followed
 * live over the WebSocket (`useRunStream`: each event once, in seq order, resumed with `after_seq`
 * after a reconnect); an ended run is read back from `GET …/runs/{id}/events`. Either way the
 * events go through the same pure reducer, so a reopened thread shows what the live card showed.
 * @module
 */
import {
  ENDED_RUN_STATUSES,
  runEventsPageSchema,
  runSchema,
  type Run,
  type RunEvent,
} from '@netra/shared/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@/lib/api';
import { useRunSocket, useRunStream, type ConnectionSnapshot } from '@/lib/ws';
import { foldEvents, initialRunView, reduceRunView, type RunView } from '../lib/run-view';
import { chatKeys, chatPaths, known } from './chat-paths';
import { useRefreshThread } from './use-thread-history';
import { useOrgId } from './use-threads';

/** An ended run's events, every page. */
function useReplayedEvents(runId: string, enabled: boolean) {
  const api = useApi();
  const orgId = useOrgId();
  return useQuery({
    queryKey: chatKeys.runEvents(orgId, runId),
    enabled: enabled && orgId !== null,
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      const events: RunEvent[] = [];
      for (let after = -1; ;) {
        const page = await api.request(chatPaths.runEvents(known(orgId), runId), {
          schema: runEventsPageSchema,
          query: { after_seq: after, limit: 1000 },
          signal,
        });
        events.push(...page.events);
        if (page.complete || page.next_after_seq <= after) {
          return events;
        }
        after = page.next_after_seq;
      }
    },
  });
}

/** Steps finished so far: each ends with a progress event whose stage is the agent itself. */
function stepsFinished(events: readonly RunEvent[]): number {
  return events.filter((event) => event.type === 'progress_update' && event.payload.stage === event.agent)
    .length;
}

/** The run as the API has it, read again after each step (the workflow's plan is known after sufficiency). */
function useRunSnapshot(runId: string, version: number, enabled: boolean) {
  const api = useApi();
  const orgId = useOrgId();
  return useQuery({
    queryKey: chatKeys.run(orgId, runId, version),
    enabled: enabled && orgId !== null,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api.request(chatPaths.run(known(orgId), runId), { schema: runSchema, signal }),
  });
}

/** Stop: `stop_agent` on the socket, or the REST cancel when the socket is not open. */
function useStopRun(runId: string) {
  const api = useApi();
  const orgId = useOrgId();
  const socket = useRunSocket();
  return useMutation({
    mutationFn: async () => {
      if (socket?.send({ type: 'stop_agent', payload: { run_id: runId } }) !== true) {
        await api.request(chatPaths.cancelRun(known(orgId), runId), { method: 'POST', schema: runSchema });
      }
    },
  });
}

export interface RunCardState {
  view: RunView;
  live: boolean;
  connection: ConnectionSnapshot;
  loading: boolean;
  error: Error | null;
  stop: ReturnType<typeof useStopRun>;
}

export function useRunView(run: Run): RunCardState {
  const [live] = useState(() => !ENDED_RUN_STATUSES.includes(run.status));
  const stream = useRunStream(live ? run.id : null);
  const replay = useReplayedEvents(run.id, !live);
  const replayed = replay.data;
  const events = useMemo(() => (live ? stream.events : (replayed ?? [])), [live, stream.events, replayed]);
  const snapshot = useRunSnapshot(run.id, stepsFinished(events) + (stream.ended ? 1 : 0), live);
  const view = useMemo(() => {
    const first = reduceRunView(initialRunView(run.id), { type: 'snapshot', run });
    const streamed = foldEvents(first, events);
    return snapshot.data === undefined
      ? streamed
      : reduceRunView(streamed, { type: 'snapshot', run: snapshot.data });
  }, [run, events, snapshot.data]);
  const refresh = useRefreshThread();
  useEffect(() => {
    if (live && stream.ended) {
      void refresh(run.thread_id);
    }
    // Once, when the live run ends: the thread's runs and messages changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live, stream.ended, run.thread_id]);
  return {
    view,
    live,
    connection: stream.connection,
    loading: !live && replay.isPending,
    error: replay.error,
    stop: useStopRun(run.id),
  };
}
