import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IsolatedEnvironment } from '@netra/shared/server';
import { parseRunArgs } from './args.js';
import { childEnvironment, levelResultFrom, serviceFilters, vitestArgs } from './vitest-level.js';

const root = join(sep, 'repo');

describe('vitestArgs', () => {
  it('runs exactly one project with the JSON reporter and no path filter by default', () => {
    const args = vitestArgs('integration', parseRunArgs([]), root, '/tmp/r.json');
    expect(args[0]).toMatch(/vitest\.mjs$/);
    expect(args).toContain('run');
    expect(args).toContain('--project=integration');
    expect(args).toContain(`--config=${join(root, 'vitest.config.ts')}`);
    expect(args).toContain('--outputFile.json=/tmp/r.json');
    expect(args.filter((arg) => arg.startsWith('--project'))).toHaveLength(1);
    expect(args.some((arg) => arg.startsWith(root + sep))).toBe(false);
    expect(args).not.toContain('--bail=1');
    expect(args.some((arg) => arg.startsWith('--coverage'))).toBe(false);
  });

  it('maps --service to the service directories as path filters', () => {
    const options = parseRunArgs(['--service', 'backend,shared,dev-launcher']);
    expect(serviceFilters(root, options.services)).toEqual([
      join(root, 'services', 'backend') + sep,
      join(root, 'packages', 'shared') + sep,
      join(root, 'packages', 'dev-launcher') + sep,
    ]);
    expect(vitestArgs('unit', options, root, 'r.json').slice(-3)).toEqual(
      serviceFilters(root, options.services),
    );
  });

  it('bails on --fast-fail and collects v8 coverage per level on --coverage', () => {
    const args = vitestArgs('e2e', parseRunArgs(['--fast-fail', '--coverage']), root, 'r.json');
    expect(args).toContain('--bail=1');
    expect(args).toContain('--coverage.enabled');
    expect(args).toContain('--coverage.provider=v8');
    expect(args).toContain(`--coverage.reportsDirectory=${join(root, 'coverage', 'e2e')}`);
  });
});

describe('levelResultFrom', () => {
  const counted = (passed: number, failed: number, skipped: number, files: number) => ({
    counts: { passed, failed, skipped },
    files,
    brokenFiles: [],
  });

  it('reports a crash (no report) as one failure', () => {
    const result = levelResultFrom('unit', { code: 1, signal: null }, undefined);
    expect(result).toMatchObject({ status: 'crashed', counts: { passed: 0, failed: 1, skipped: 0 } });
    expect(result.note).toContain('exited with code 1');
  });

  it('reports a non-zero exit without failing tests as one failure', () => {
    const result = levelResultFrom('unit', { code: 1, signal: null }, counted(4, 0, 0, 2));
    expect(result).toMatchObject({ status: 'failed', counts: { passed: 4, failed: 1, skipped: 0 } });
  });

  it('tells passed, failed and empty levels apart', () => {
    expect(levelResultFrom('unit', { code: 0, signal: null }, counted(3, 0, 1, 1)).status).toBe('passed');
    expect(levelResultFrom('unit', { code: 1, signal: null }, counted(3, 2, 0, 1)).status).toBe('failed');
    expect(levelResultFrom('e2e', { code: 0, signal: null }, counted(0, 0, 0, 0)).status).toBe('empty');
  });
});

describe('childEnvironment', () => {
  it('passes the environment on without the variables of an enclosing vitest run', () => {
    const env = IsolatedEnvironment.isolated({
      PATH: '/bin',
      VITEST: 'true',
      VITEST_POOL_ID: '1',
      DATABASE_URL: 'x',
    });
    expect(childEnvironment(env)).toEqual({ PATH: '/bin', DATABASE_URL: 'x' });
  });
});
