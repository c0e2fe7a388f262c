'use client';
/**
 * The organization's chat threads: the list (searched by the API's `q`, which matches titles and
 * message text), and create / rename / delete, each refreshing the list.
 * @module
 */
import { pageSchema, threadSchema, type Thread } from '@netra/shared/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '@/lib/api';
import { useCurrentOrganization } from '@/lib/auth';
import { chatKeys, chatPaths, known } from './chat-paths';

const threadPageSchema = pageSchema(threadSchema);

/** The id of the organization the screen acts in (null while it loads). */
export function useOrgId(): string | null {
  return useCurrentOrganization().organization?.id ?? null;
}

/** Threads, most recently active first; `search` empty lists them all. */
export function useThreads(search: string) {
  const api = useApi();
  const orgId = useOrgId();
  return useQuery({
    queryKey: chatKeys.threadList(orgId, search),
    enabled: orgId !== null,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const page = await api.request(chatPaths.threads(known(orgId)), {
        schema: threadPageSchema,
        query: { limit: 100, q: search === '' ? undefined : search },
        signal,
      });
      return page.items;
    },
  });
}

export function useThread(threadId: string | null) {
  const api = useApi();
  const orgId = useOrgId();
  return useQuery({
    queryKey: chatKeys.thread(orgId, threadId ?? ''),
    enabled: orgId !== null && threadId !== null,
    queryFn: ({ signal }) =>
      api.request(chatPaths.thread(known(orgId), known(threadId)), { schema: threadSchema, signal }),
  });
}

/** Create, rename and delete; each refreshes every thread list of the organization. */
export function useThreadActions() {
  const api = useApi();
  const orgId = useOrgId();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: chatKeys.threads(orgId) });
  const create = useMutation({
    mutationFn: (title?: string): Promise<Thread> =>
      api.request(chatPaths.threads(known(orgId)), {
        method: 'POST',
        body: title === undefined ? {} : { title },
        schema: threadSchema,
      }),
    onSuccess: refresh,
  });
  const rename = useMutation({
    mutationFn: (input: { id: string; title: string }): Promise<Thread> =>
      api.request(chatPaths.thread(known(orgId), input.id), {
        method: 'PATCH',
        body: { title: input.title },
        schema: threadSchema,
      }),
    onSuccess: async (thread) => {
      queryClient.setQueryData(chatKeys.thread(orgId, thread.id), thread);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.request(chatPaths.thread(known(orgId), id), { method: 'DELETE' }),
    onSuccess: refresh,
  });
  return { create, rename, remove };
}
