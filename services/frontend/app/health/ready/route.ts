import { frontendConfig } from '@/lib/server/config-store';
import { readinessResponse } from '@/lib/server/readiness';

// Reports the URLs of this start's configuration and probes upstreams live: never prerender.
export const dynamic = 'force-dynamic';

/** `GET /health/ready`: the frontend can serve; reports the backend and auth service it points browsers at. */
export function GET(): Promise<Response> {
  return readinessResponse(frontendConfig());
}
