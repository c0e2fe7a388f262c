import { sql } from 'drizzle-orm';
import { testStores } from '@netra/test-framework/stores';
import { describe, expect, it } from 'vitest';
import { executeRows, openPostgres, type QueryTiming } from './index.js';

const modes = [
  ['the run’s PostgreSQL', () => testStores().databaseUrl],
  ['embedded PGlite', () => undefined],
] as const;

describe.each(modes)('query timing on %s', (_name, urlOf) => {
  async function open() {
    return openPostgres({
      url: urlOf(),
      // A throwaway in-memory PGlite in embedded mode.
      dataDir: 'memory://',
      environment: 'test',
      schema: {},
      applicationName: 'netra-shared-test',
    });
  }

  it('reports every query with its operation, failures included, until told to stop', async () => {
    const postgres = await open();
    const timings: QueryTiming[] = [];
    try {
      postgres.observeQueries((timing) => timings.push(timing));
      await executeRows(postgres.db, sql`select 1 as one`);
      await postgres.db.transaction(async (tx) => {
        await tx.execute(sql`select 2 as two`);
      });
      await expect(executeRows(postgres.db, sql`select * from no_such_table_for_timing`)).rejects.toThrow();
      const selects = timings.filter((timing) => timing.operation === 'select');
      expect(selects.map((timing) => timing.ok)).toEqual([true, true, false]);
      expect(timings.every((timing) => timing.seconds >= 0)).toBe(true);
      postgres.observeQueries(undefined);
      const seen = timings.length;
      await postgres.ping();
      expect(timings).toHaveLength(seen);
    } finally {
      await postgres.close();
    }
  });
});
