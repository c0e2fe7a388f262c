import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IsolatedEnvironment } from '@netra/shared/server';
import { findRepoRoot } from '#runner/root.js';
import { childEnvironment } from '#runner/vitest-level.js';

const root = findRepoRoot(import.meta.dirname);
// NO_COLOR: picocolors turns colour on whenever CI is set, which would split the words the assertions look for.
const env = { ...childEnvironment(IsolatedEnvironment.fromProcess({ dotenv: false })), NO_COLOR: '1' };

/** Runs one of the package's command-line entry points the way the root npm scripts do. */
function cli(entry: string, args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(root, 'packages/test-framework/src', entry), ...args],
    { cwd: root, env, encoding: 'utf8' },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm test (runner CLI)', () => {
  it('rejects unknown flags and values with exit code 2', () => {
    const unknownFlag = cli('cli.ts', ['--bogus']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain('unknown argument "--bogus"');
    const unknownService = cli('cli.ts', ['--service', 'billing']);
    expect(unknownService.code).toBe(2);
    expect(unknownService.stderr).toContain('unknown service "billing"');
  });

  it('prints usage on --help', () => {
    const help = cli('cli.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fast-fail');
  });
});

describe('npm run compliance (CLI)', () => {
  const fixtures = join(root, 'packages/test-framework/src/compliance/fixtures');

  it('exits 1 on errors and prints JSON on --json', () => {
    const result = cli('compliance/cli.ts', ['--root', join(fixtures, 'violating-repo'), '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; errorCount: number };
    expect(report).toMatchObject({ ok: false, errorCount: 11 });
  });

  it('exits 0 on a clean root, and 2 on a usage mistake', () => {
    const clean = cli('compliance/cli.ts', [`--root=${join(fixtures, 'clean-repo')}`]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('compliance passed');
    expect(cli('compliance/cli.ts', ['--nope']).code).toBe(2);
    expect(cli('compliance/cli.ts', ['--root', join(fixtures, 'missing')]).code).toBe(2);
  });
});

describe('npm run bench (dispatcher)', () => {
  it('lists the available benches and exits 2 when the name is missing or unknown', () => {
    const missing = cli('bench/cli.ts', []);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('test-framework/runner');
    const unknown = cli('bench/cli.ts', ['no-such-bench']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown benchmark "no-such-bench"');
  });

  it('runs the named bench in its own process and passes its output through', () => {
    const result = cli('bench/cli.ts', ['runner']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('bench test-framework/runner');
    expect(result.stdout).toMatch(/compliance scan of this repository \(\d+ files\)/);
  });
});
