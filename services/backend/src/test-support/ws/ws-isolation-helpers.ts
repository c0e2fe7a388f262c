/**
 * Helpers of the `/ws` isolation test: runs started over a socket on threads made over REST (so
 * which run belongs to which connection is known from the server's REST answers, not from what the
 * socket received), and the ids that name a run anywhere in a frame.
 * @module
 */
import { pageSchema, runSchema, type RunEvent } from '@netra/shared/contracts';
import type { TestUser } from '#test-support/auth-service.js';
import { PlatformClient } from '#test-support/platform-client.js';
import { waitUntil } from '#test-support/runs/wait.js';
import type { WatchedSocket } from './watched-socket.js';

/** A run, who started it, and on which connection. */
export interface StartedRun {
  runId: string;
  threadId: string;
  orgId: string;
  user: TestUser;
  socket: WatchedSocket;
}

const threadRunsSchema = pageSchema(runSchema);

/** The run of a thread that has one run at most, by REST; undefined while it has none. */
async function runOfThread(client: PlatformClient, orgId: string, threadId: string) {
  const page = threadRunsSchema.parse(await client.ok('GET', `/orgs/${orgId}/threads/${threadId}/runs`));
  return page.items[0]?.id;
}

/**
 * Sends one `start_agent` per text on `socket`, each on a new thread of `orgId` made over REST, all
 * at once; resolves with the runs once REST lists each thread's run.
 */
export async function startRunsOver(
  baseUrl: string,
  socket: WatchedSocket,
  start: { user: TestUser; orgId: string; texts: readonly string[] },
): Promise<StartedRun[]> {
  const { user, orgId, texts } = start;
  const client = new PlatformClient(baseUrl, user);
  const threads = await Promise.all(texts.map(() => client.newThread(orgId)));
  threads.forEach((threadId, index) => {
    socket.send({ type: 'start_agent', payload: { thread_id: threadId, text: texts[index] ?? '' } });
  });
  return Promise.all(
    threads.map(async (threadId) => {
      const runId = await waitUntil(`the run of thread ${threadId}`, () =>
        runOfThread(client, orgId, threadId),
      );
      return { runId, threadId, orgId, user, socket };
    }),
  );
}

/** Every id that names the run in a frame: the run, its thread, and its report once written. */
export function idsOfRun(run: StartedRun, stored: readonly RunEvent[]): string[] {
  const reports = stored.flatMap((event) =>
    event.type === 'final_report' || event.type === 'run_completed' ? [event.payload.report_id ?? ''] : [],
  );
  return [...new Set([run.runId, run.threadId, ...reports])].filter((id) => id !== '');
}

/** The stored events of each run (REST, as the run's starter), by run id. */
export async function storedEventsOf(
  baseUrl: string,
  runs: readonly StartedRun[],
): Promise<Map<string, RunEvent[]>> {
  const entries = await Promise.all(
    runs.map(
      async (run) =>
        [run.runId, await new PlatformClient(baseUrl, run.user).events(run.orgId, run.runId)] as const,
    ),
  );
  return new Map(entries);
}
