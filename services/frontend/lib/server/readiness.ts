import { readinessSchema } from '@netra/shared';
import { z } from 'zod';
import { fetchReadiness, ReadinessFetchError } from '../browser/fetch-readiness';
import type { FrontendConfig } from './frontend-config';
import { toRuntimeConfig } from './runtime-config';

/** What the frontend's server sees of one service the browser will call. */
export const upstreamStatusSchema = z.object({
  url: z.string(),
  reachable: z.boolean(),
  status: z.enum(['ready', 'not_ready']).optional(),
  error: z.string().optional(),
});
export type UpstreamStatus = z.infer<typeof upstreamStatusSchema>;

/** The frontend's `/health/ready` body: the shared readiness report plus the upstreams it points browsers at. */
export const frontendReadinessSchema = readinessSchema.extend({
  upstreams: z.record(z.string(), upstreamStatusSchema),
});
export type FrontendReadiness = z.infer<typeof frontendReadinessSchema>;

/** Checks one upstream's readiness as seen from this server. */
export type UpstreamProbe = (url: string) => Promise<UpstreamStatus>;

const UPSTREAM_TIMEOUT_MS = 2_000;

/** A probe that asks an upstream's `/health/ready` with a short timeout and never throws. */
export function createUpstreamProbe(fetchImpl: typeof fetch = fetch): UpstreamProbe {
  return async (url) => {
    try {
      const signal = AbortSignal.timeout(UPSTREAM_TIMEOUT_MS);
      const readiness = await fetchReadiness(url, { signal, fetch: fetchImpl });
      return { url, reachable: true, status: readiness.status };
    } catch (error) {
      // A service that answered with something other than a readiness report is up, just not healthy.
      const answered = error instanceof ReadinessFetchError && error.reason === 'bad_response';
      return { url, reachable: answered, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

/**
 * The frontend's readiness. It has no stores of its own (`tiers` is empty) and is ready whenever it
 * can serve pages: upstream state is reported, never required, because the status page must load
 * (and explain) exactly when the backend or auth service is down or still starting.
 */
export async function buildReadiness(
  config: FrontendConfig,
  probe: UpstreamProbe = createUpstreamProbe(),
): Promise<FrontendReadiness> {
  const { environment, services } = toRuntimeConfig(config);
  const upstreams = await Promise.all(services.map(async ({ id, url }) => [id, await probe(url)] as const));
  return frontendReadinessSchema.parse({
    status: 'ready',
    service: 'frontend',
    environment,
    tiers: {},
    upstreams: Object.fromEntries(upstreams),
  });
}

/** `GET /health/ready`: 200 with the readiness report; never cached. */
export async function readinessResponse(config: FrontendConfig, probe?: UpstreamProbe): Promise<Response> {
  const readiness = await buildReadiness(config, probe);
  return Response.json(readiness, { headers: { 'cache-control': 'no-store' } });
}
