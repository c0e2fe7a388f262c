/** The id a query needs; the queries are only enabled once it is known, so this never throws there. */
export function known(id: string | null): string {
  if (id === null) {
    throw new Error('The organization or thread is not known yet');
  }
  return id;
}

/** The REST paths of threads and runs (ARCHITECTURE §4.5) and the query keys their data lives under. */
const orgs = (orgId: string) => `/api/v1/orgs/${orgId}`;

export const chatPaths = {
  threads: (orgId: string) => `${orgs(orgId)}/threads`,
  thread: (orgId: string, threadId: string) => `${orgs(orgId)}/threads/${threadId}`,
  messages: (orgId: string, threadId: string) => `${orgs(orgId)}/threads/${threadId}/messages`,
  threadRuns: (orgId: string, threadId: string) => `${orgs(orgId)}/threads/${threadId}/runs`,
  run: (orgId: string, runId: string) => `${orgs(orgId)}/runs/${runId}`,
  runEvents: (orgId: string, runId: string) => `${orgs(orgId)}/runs/${runId}/events`,
  cancelRun: (orgId: string, runId: string) => `${orgs(orgId)}/runs/${runId}/cancel`,
  report: (orgId: string, reportId: string) => `${orgs(orgId)}/reports/${reportId}`,
};

export const chatKeys = {
  threads: (orgId: string | null) => ['chat', orgId, 'threads'] as const,
  threadList: (orgId: string | null, search: string) => ['chat', orgId, 'threads', 'list', search] as const,
  thread: (orgId: string | null, threadId: string) => ['chat', orgId, 'thread', threadId] as const,
  messages: (orgId: string | null, threadId: string) =>
    ['chat', orgId, 'thread', threadId, 'messages'] as const,
  runs: (orgId: string | null, threadId: string) => ['chat', orgId, 'thread', threadId, 'runs'] as const,
  run: (orgId: string | null, runId: string, version: number) =>
    ['chat', orgId, 'run', runId, version] as const,
  runEvents: (orgId: string | null, runId: string) => ['chat', orgId, 'run', runId, 'events'] as const,
  report: (orgId: string | null, reportId: string) => ['chat', orgId, 'report', reportId] as const,
};
