import { metricsResponse } from '@/lib/server/metrics';

// Figures of this moment: never prerender this route at build time.
export const dynamic = 'force-dynamic';

/** `GET /metrics`: the frontend server's process metrics for Prometheus (public, like /health). */
export function GET(): Promise<Response> {
  return metricsResponse();
}
