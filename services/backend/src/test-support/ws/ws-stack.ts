/**
 * What a `/ws` integration test runs against: the real auth service, the backend app listening on
 * a port (HTTP and `/ws`) on the test run's stores with a Redis namespace of the file's own — shared
 * with the auth service, so logouts reach the backend — and the worker role executing runs with the
 * test's pipeline.
 * @module
 */
import { createLogger } from '@netra/shared/server';
import { fileRedisNamespace } from '@netra/test-framework/stores';
import type { RunPipeline } from '#modules/agents/step-outcome.js';
import { startRunsWorker, type RunsWorker } from '#modules/runs/runs-wiring.js';
import { startAuthService, type AuthServiceFixture } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

export interface WsStack {
  auth: AuthServiceFixture;
  test: BackendTestApp;
  worker: RunsWorker;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startWsStack(
  label: string,
  pipeline: RunPipeline,
  overrides: Record<string, string> = {},
): Promise<WsStack> {
  const namespace = fileRedisNamespace(label);
  const auth = await startAuthService({ redisNamespace: namespace });
  const test = await startBackendTestApp({
    AUTH_SERVICE_URL: auth.url,
    API_REQUESTS_PER_USER_PER_MIN: '100000',
    REDIS_NAMESPACE: namespace,
    ...overrides,
  });
  const baseUrl = await test.app.listen({ port: 0, host: '127.0.0.1' });
  const worker = startRunsWorker(test.backend, createLogger({ service: 'backend', level: 'silent' }), {
    pipeline,
  });
  return {
    auth,
    test,
    worker,
    baseUrl,
    close: async () => {
      await worker.close();
      await test.close();
      await auth.stop();
    },
  };
}
