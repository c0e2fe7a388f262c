import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverBenches, qualifiedName, selectBenches } from './discover.js';

const root = mkdtempSync(join(tmpdir(), 'netra-bench-'));
for (const file of [
  'packages/optimizer/bench/pricing.bench.ts',
  'packages/optimizer/bench/notes.md',
  'services/backend/bench/ingest.bench.ts',
  'services/backend/bench/pricing.bench.ts',
  'services/backend/src/not-a-bench.bench.ts',
]) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), '');
}

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('bench discovery', () => {
  it('finds <owner>/bench/<name>.bench.ts files only, sorted', () => {
    expect(discoverBenches(root).map(qualifiedName)).toEqual([
      'optimizer/pricing',
      'backend/ingest',
      'backend/pricing',
    ]);
  });

  it('selects by name or by qualified name', () => {
    const benches = discoverBenches(root);
    expect(selectBenches(benches, 'ingest').map(qualifiedName)).toEqual(['backend/ingest']);
    expect(selectBenches(benches, 'pricing')).toHaveLength(2);
    expect(selectBenches(benches, 'backend/pricing').map((bench) => bench.file)).toEqual([
      join(root, 'services/backend/bench/pricing.bench.ts'),
    ]);
    expect(selectBenches(benches, 'nope')).toEqual([]);
  });

  it('finds nothing in a repository without benches', () => {
    expect(discoverBenches(join(root, 'packages'))).toEqual([]);
  });
});
