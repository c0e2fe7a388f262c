/**
 * Vitest global setup for the integration and e2e projects (see vitest.config.ts): prepares the
 * run's isolated stores, provides them to tests, and removes them at teardown.
 * @module
 */
import type { TestProject } from 'vitest/node';
import { IsolatedEnvironment } from '@netra/shared/server';
import { STORES_KEY } from './provided.js';
import { describeStores, prepareTestStores } from './test-stores.js';

/** Prepares the stores and returns the teardown vitest calls after the last test file. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Only the real process environment: a developer's .env (pointing at their dev database) must not
  // silently become the test target.
  const prepared = await prepareTestStores(IsolatedEnvironment.fromProcess({ dotenv: false }));
  project.provide(STORES_KEY, prepared.stores);
  process.stdout.write(`[netra-test] ${project.name}: ${describeStores(prepared.stores)}\n`);
  return prepared.teardown;
}
