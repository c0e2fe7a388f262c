import { describe, expect, it } from 'vitest';
import { usageRow } from '#test-support/clickhouse-test-support.js';
import { DuplicateScreen } from './duplicate-screen.js';

const at = (iso: string, event_id: string, org_id = 'org') =>
  usageRow({ org_id, event_id, timestamp: new Date(iso) });
const storedUntil = (iso?: string) => () =>
  Promise.resolve(new Map(iso === undefined ? [] : [['org', Date.parse(iso)]]));

describe('DuplicateScreen', () => {
  it('asks the store only about rows not newer than what was stored before it started', async () => {
    const screen = new DuplicateScreen();
    const rows = [at('2026-01-01T00:00:00Z', 'old'), at('2026-06-01T00:00:00Z', 'new')];
    const ask = await screen.screen(rows, storedUntil('2026-03-01T00:00:00Z'));
    expect(ask.map((row) => row.event_id)).toEqual(['old']);
  });

  it('sends repeats of rows it inserted itself to the store, and no new row', async () => {
    const screen = new DuplicateScreen();
    const row = at('2026-06-01T00:00:00Z', 'e1');
    expect(await screen.screen([row], storedUntil())).toEqual([]);
    screen.remember([row]);
    const ask = await screen.screen([{ ...row }, at('2026-06-01T00:00:01Z', 'e2')], storedUntil());
    expect(ask.map((asked) => asked.event_id)).toEqual(['e1']);
  });

  it('loads each organization once, and keeps organizations apart', async () => {
    const screen = new DuplicateScreen();
    let loads = 0;
    const load = (orgs: string[]) => {
      loads += orgs.length;
      return Promise.resolve(new Map<string, number>());
    };
    const a = at('2026-06-01T00:00:00Z', 'same', 'org_a');
    await screen.screen([a], load);
    screen.remember([a]);
    const ask = await screen.screen([{ ...a, org_id: 'org_b' }, { ...a }], load);
    expect(loads).toBe(2);
    expect(ask.map((row) => row.org_id)).toEqual(['org_a']);
  });

  it('falls back to the store for everything it may have forgotten after overflowing', async () => {
    const screen = new DuplicateScreen(2);
    const rows = ['a', 'b', 'c'].map((id, index) => at(`2026-06-01T00:00:0${index}Z`, id));
    await screen.screen(rows, storedUntil());
    screen.remember(rows);
    const later = at('2026-06-01T00:00:09Z', 'd');
    const ask = await screen.screen([{ ...rows[0]! }, later], storedUntil());
    expect(ask.map((row) => row.event_id)).toEqual(['a']);
  });
});
