'use client';
/**
 * A thread's messages and runs (`GET …/threads/{id}/messages`, `…/runs`), every page of each, and
 * sending a message, which starts a run answering it (`POST …/threads/{id}/runs`).
 * @module
 */
import { messageSchema, pageSchema, runSchema, type Run } from '@netra/shared/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi, type ApiClient } from '@/lib/api';
import { chatKeys, chatPaths, known } from './chat-paths';
import { useOrgId } from './use-threads';

/** A thread rarely has more; past this the oldest pages are not loaded. */
const MAX_PAGES = 10;

async function allPages<T extends z.ZodType>(
  api: ApiClient,
  path: string,
  item: T,
  signal: AbortSignal,
): Promise<z.output<T>[]> {
  const schema = pageSchema(item);
  const items: z.output<T>[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await api.request(path, { schema, query: { limit: 100, cursor }, signal });
    items.push(...answer.items);
    if (answer.next_cursor === null) {
      break;
    }
    cursor = answer.next_cursor;
  }
  return items;
}

export function useThreadMessages(threadId: string | null) {
  const api = useApi();
  const orgId = useOrgId();
  return useQuery({
    queryKey: chatKeys.messages(orgId, threadId ?? ''),
    enabled: orgId !== null && threadId !== null,
    queryFn: ({ signal }) =>
      allPages(api, chatPaths.messages(known(orgId), known(threadId)), messageSchema, signal),
  });
}

/** The thread's runs, newest first. */
export function useThreadRuns(threadId: string | null) {
  const api = useApi();
  const orgId = useOrgId();
  return useQuery({
    queryKey: chatKeys.runs(orgId, threadId ?? ''),
    enabled: orgId !== null && threadId !== null,
    queryFn: ({ signal }) =>
      allPages(api, chatPaths.threadRuns(known(orgId), known(threadId)), runSchema, signal),
  });
}

/** Refreshes what a run changes on its thread: its messages, its runs, the thread's title and place. */
export function useRefreshThread() {
  const orgId = useOrgId();
  const queryClient = useQueryClient();
  return (threadId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: chatKeys.messages(orgId, threadId) }),
      queryClient.invalidateQueries({ queryKey: chatKeys.runs(orgId, threadId) }),
      queryClient.invalidateQueries({ queryKey: chatKeys.threads(orgId) }),
      queryClient.invalidateQueries({ queryKey: chatKeys.thread(orgId, threadId) }),
    ]);
}

/** Posts the message and starts the run that answers it; the new run joins the thread's list at once. */
export function useStartRun() {
  const api = useApi();
  const orgId = useOrgId();
  const queryClient = useQueryClient();
  const refresh = useRefreshThread();
  return useMutation({
    mutationFn: (input: { threadId: string; text: string }): Promise<Run> =>
      api.request(chatPaths.threadRuns(known(orgId), input.threadId), {
        method: 'POST',
        body: { text: input.text },
        schema: runSchema,
      }),
    onSuccess: async (run) => {
      queryClient.setQueryData<Run[]>(chatKeys.runs(orgId, run.thread_id), (runs) =>
        runs === undefined ? runs : [run, ...runs.filter((known) => known.id !== run.id)],
      );
      await refresh(run.thread_id);
    },
  });
}
