import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IsolatedEnvironment } from '@netra/shared/server';
import { parseRunArgs } from './args.js';
import { runTests, type RunSummary } from './run.js';

const fixture = join(import.meta.dirname, 'fixtures', 'sample-repo');

interface Outcome {
  summary: RunSummary;
  lines: string[];
  lastLine: string;
}

/** Runs the runner on a root with the given command line, capturing everything it prints. */
async function runOn(root: string, argv: string[]): Promise<Outcome> {
  let text = '';
  const sink = { write: (chunk: string) => (text += chunk) };
  const summary = await runTests(parseRunArgs(argv), {
    root,
    env: IsolatedEnvironment.fromProcess({ dotenv: false }),
    stdio: 'pipe',
    out: sink,
    err: sink,
    buildBeforeE2e: false,
  });
  const lines = text.trimEnd().split('\n');
  return { summary, lines, lastLine: lines.at(-1) ?? '' };
}

const statusOf = (outcome: Outcome, level: string) =>
  outcome.summary.results.find((result) => result.level === level)?.status;

describe('runTests on a fixture repository', () => {
  it('counts a passing, a failing and a skipped test exactly and ends with the count line', async () => {
    const outcome = await runOn(fixture, ['--level', 'unit', '--service', 'shared']);
    expect(outcome.lastLine).toBe('1 passed, 1 failed, 1 skipped');
    expect(outcome.summary.exitCode).toBe(1);
    expect(outcome.summary.results).toHaveLength(1);
  });

  it('selects the level and the service paths', async () => {
    const unit = await runOn(fixture, ['--level', 'unit', '--service', 'backend']);
    expect(unit.lastLine).toBe('1 passed, 0 failed, 0 skipped');
    expect(unit.summary).toMatchObject({ exitCode: 0, results: [{ level: 'unit', files: 1 }] });

    const integration = await runOn(fixture, ['--level', 'integration']);
    // The integration fixture has one passing test and one todo (counted as skipped).
    expect(integration.lastLine).toBe('1 passed, 0 failed, 1 skipped');
  });

  it('counts a test file that fails to load as a failure', async () => {
    const outcome = await runOn(fixture, ['--level', 'e2e']);
    expect(outcome.lastLine).toBe('0 passed, 1 failed, 0 skipped');
    expect(outcome.summary.exitCode).toBe(1);
  });

  it('fails a selection that matches no test file', async () => {
    const outcome = await runOn(fixture, ['--level', 'unit', '--service', 'optimizer']);
    expect(statusOf(outcome, 'unit')).toBe('empty');
    expect(outcome.summary.selectionProblem).toContain('no test file matched');
    expect(outcome.lastLine).toBe('0 passed, 1 failed, 0 skipped');
    expect(outcome.summary.exitCode).toBe(1);
  });

  it('runs levels in order and stops after the first failing level on --fast-fail', async () => {
    const outcome = await runOn(fixture, ['--level', 'integration,unit', '--fast-fail']);
    expect(outcome.summary.results.map((result) => result.level)).toEqual(['unit', 'integration']);
    expect(statusOf(outcome, 'unit')).toBe('failed');
    expect(statusOf(outcome, 'integration')).toBe('not-run');
    expect(outcome.summary.exitCode).toBe(1);
    expect(outcome.lastLine).toMatch(/^\d+ passed, [1-9]\d* failed, \d+ skipped$/);
  });

  it('counts compliance as one check', async () => {
    const outcome = await runOn(fixture, ['--level', 'compliance']);
    expect(outcome.lastLine).toBe('1 passed, 0 failed, 0 skipped');
  });
});

describe('runTests when vitest cannot run', () => {
  const broken = mkdtempSync(join(tmpdir(), 'netra-broken-config-'));
  writeFileSync(join(broken, 'vitest.config.mjs'), "throw new Error('broken config');\n");
  writeFileSync(join(broken, 'vitest.config.ts'), "throw new Error('broken config');\n");
  afterAll(() => {
    rmSync(broken, { recursive: true, force: true });
  });

  it('reports the level as crashed and counts one failure', async () => {
    const outcome = await runOn(broken, ['--level', 'unit']);
    expect(statusOf(outcome, 'unit')).toBe('crashed');
    expect(outcome.lastLine).toBe('0 passed, 1 failed, 0 skipped');
    expect(outcome.summary.exitCode).toBe(1);
  });
});
