import packageJson from '@/package.json';
import { livenessResponse } from '@/lib/server/liveness';

// Uptime changes every second: never prerender this route at build time.
export const dynamic = 'force-dynamic';

/** `GET /health`: the frontend process is alive. */
export function GET(): Response {
  return livenessResponse(packageJson.version);
}
