/**
 * The TanStack Query client of a browser tab. Queries are retried once, and only when retrying can
 * help: a 4xx ApiError (forbidden, not found, invalid) answers the same the second time.
 * @module
 */
import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';

/** Whether a failed query is worth one more try. */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (failureCount >= 1) {
    return false;
  }
  return !isApiError(error) || error.isRetryable;
}

/** One client per tab (the providers keep it in state). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetryQuery, retryDelay: 1_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
