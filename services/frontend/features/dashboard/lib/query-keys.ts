/**
 * Query keys of the dashboard's calls, all under one prefix per organization, so a screen that adds
 * usage (an upload, the demo loader) refreshes every dashboard figure with one invalidation:
 * `queryClient.invalidateQueries({ queryKey: dashboardQueryKey(orgId) })`.
 * @module
 */

/** Every dashboard query of an organization. */
export function dashboardQueryKey(orgId: string | undefined) {
  return ['dashboard', orgId] as const;
}

/** One call, keyed by its full path (which holds the window, bucket, grouping and filters). */
export function dashboardCallKey(orgId: string | undefined, path: string) {
  return [...dashboardQueryKey(orgId), path] as const;
}
