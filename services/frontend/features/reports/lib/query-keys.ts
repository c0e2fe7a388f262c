/** TanStack Query keys of the reports feature, per organization, so switching it never mixes data. */
export const reportKeys = {
  list: (orgId: string) => ['reports', orgId, 'list'] as const,
  detail: (orgId: string, reportId: string) => ['reports', orgId, 'detail', reportId] as const,
  recommendations: (orgId: string, reportId: string) =>
    ['reports', orgId, 'recommendations', reportId] as const,
};
