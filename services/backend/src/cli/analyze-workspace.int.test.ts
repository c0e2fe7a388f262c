import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openAnalyzeWorkspace } from './analyze-workspace.js';

describe('the netra analyze workspace', () => {
  it('keeps the usage tables but runs no materialized view on insert, and is removed on dispose', async () => {
    const workspace = await openAnalyzeWorkspace();
    try {
      const tables = await workspace.store.queryRows<{ name: string; engine: string }>(
        'SELECT name, engine FROM system.tables WHERE database = {database:String} ORDER BY name',
        { database: workspace.store.database },
      );
      expect(tables.filter((table) => table.engine === 'MaterializedView')).toEqual([]);
      expect(tables.map((table) => table.name)).toEqual(
        expect.arrayContaining(['usage_events', 'usage_hourly', 'usage_daily', 'billed_costs']),
      );
      await workspace.store.command(
        `INSERT INTO ${workspace.store.table('usage_events')} (org_id, event_id, timestamp, model) ` +
          "VALUES ('local', 'e-1', now64(3), 'gpt-4o')",
      );
      const [hourly] = await workspace.store.queryRows<{ rows: number }>(
        `SELECT count() AS rows FROM ${workspace.store.table('usage_hourly')}`,
      );
      expect(Number(hourly?.rows)).toBe(0);
    } finally {
      await workspace.dispose();
    }
    expect(existsSync(workspace.dir)).toBe(false);
  });

  it('reads events without FINAL until usage may repeat, then collapses repeats again', async () => {
    const workspace = await openAnalyzeWorkspace();
    try {
      // The same event twice, as only the JavaScript import could store it.
      for (let copy = 0; copy < 2; copy++) {
        await workspace.store.command(
          `INSERT INTO ${workspace.store.table('usage_events')} (org_id, event_id, timestamp, model) ` +
            "VALUES ('local', 'e-1', '2025-03-01 10:00:00.000', 'gpt-4o')",
        );
      }
      const requests = async () => (await workspace.analysisSource().totals({ orgId: 'local' })).requests;
      expect(await requests()).toBe(2);
      await workspace.allowRepeatedEvents();
      expect(await requests()).toBe(1);
    } finally {
      await workspace.dispose();
    }
  });
});
