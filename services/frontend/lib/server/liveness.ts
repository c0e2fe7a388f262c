import { livenessSchema, type Liveness } from '@netra/shared';

/** The frontend's `GET /health` body: the process is alive and serving. */
export function buildLiveness(version: string, uptimeSeconds: number = process.uptime()): Liveness {
  return livenessSchema.parse({
    status: 'ok',
    service: 'frontend',
    version,
    uptime_s: Math.round(uptimeSeconds),
  });
}

/** `GET /health`: always 200 while the process can answer; never cached. */
export function livenessResponse(version: string): Response {
  return Response.json(buildLiveness(version), { headers: { 'cache-control': 'no-store' } });
}
