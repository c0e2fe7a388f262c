/**
 * Development's first start on the real stores: a backend started in development loads the demo
 * workload into an empty development organization, a second start loads nothing more, and
 * DEMO_DATA_ON_FIRST_START=false loads nothing. Each case has a usage store of its own, since the
 * development organization is shared by the whole run (and embedded chdb holds one data dir per
 * process, so no other backend is open in this file).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tempDataDir } from '@netra/test-framework/stores';
import { describe, expect, it } from 'vitest';
import { developmentKeyFile } from '#modules/api-keys/development-key.js';
import { startBackendTestApp } from '#test-support/backend-app.js';
import { DemoRepository } from './demo.repository.js';
import { DEMO_SOURCE } from './demo-workload.js';

/**
 * The development organization's usage in a backend started in development with `overrides`; the
 * last start of a store drops its ClickHouse database (server mode: embedded data dirs go anyway).
 */
async function developmentStart(overrides: Record<string, string>, last = true) {
  const dev = await startBackendTestApp({ ENVIRONMENT: 'development', LOG_LEVEL: 'warn', ...overrides });
  const { clickhouse } = dev.backend.stores;
  try {
    // The development organization is the one the printed development ingestion key sends to.
    const key = readFileSync(developmentKeyFile(dev.config.values.NETRA_DATA_DIR), 'utf8').trim();
    const { orgId } = await dev.backend.services.apiKeys.authenticate(key);
    return await new DemoRepository(clickhouse).presence(orgId, DEMO_SOURCE);
  } finally {
    if (last && clickhouse.mode === 'server') {
      await clickhouse.command(`DROP DATABASE IF EXISTS \`${clickhouse.database}\``);
    }
    await dev.close();
  }
}

/** A ClickHouse database of this test alone: the development organization is shared by the run. */
function freshUsageStore(): Record<string, string> {
  return {
    CLICKHOUSE_DATABASE: `demo_first_start_${randomBytes(4).toString('hex')}`,
    NETRA_DATA_DIR: tempDataDir('dev'),
  };
}

describe('development first start', () => {
  it('loads the demo workload into the empty development organization once', async () => {
    const store = freshUsageStore();
    const first = await developmentStart(store, false);
    process.stdout.write(`first development start: ${first.demoEvents} demo events\n`);
    expect(first.demoEvents).toBeGreaterThan(30_000);
    expect(first.events).toBe(first.demoEvents);
    expect(await developmentStart(store)).toEqual(first);
  }, 120_000);

  it('loads nothing with DEMO_DATA_ON_FIRST_START=false', async () => {
    const presence = await developmentStart({ ...freshUsageStore(), DEMO_DATA_ON_FIRST_START: 'false' });
    expect(presence).toEqual({ events: 0, demoEvents: 0 });
  }, 120_000);
});
