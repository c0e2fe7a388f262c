/**
 * Self-check bench for the test framework: prints how long the runner's own steps take, so the
 * bench dispatcher has something real to run. Figures only; nothing here asserts a timing.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { checkCompliance, findRepoRoot, parseRunArgs } from '@netra/test-framework';

const root = findRepoRoot(import.meta.dirname);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(runs: number, fn: () => void): number {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function row(label: string, value: string): void {
  process.stdout.write(`  ${label.padEnd(52)} ${value}\n`);
}

process.stdout.write('test-framework runner self-check (median of runs)\n');

const startup = time(3, () => {
  spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'packages/test-framework/src/cli.ts', '--help'],
    {
      cwd: root,
      stdio: 'ignore',
    },
  );
});
row('runner startup (npm test -- --help), 3 runs', `${startup.toFixed(0)} ms`);

const parses = 10_000;
const parsing = time(5, () => {
  for (let index = 0; index < parses; index += 1) {
    parseRunArgs(['--level', 'unit,integration', '--service', 'backend', '--fast-fail']);
  }
});
row(`argument parsing, ${parses} command lines`, `${((parsing * 1000) / parses).toFixed(2)} µs each`);

let files = 0;
const scan = time(3, () => {
  files = checkCompliance({ root }).filesScanned;
});
row(`compliance scan of this repository (${files} files)`, `${scan.toFixed(0)} ms`);
