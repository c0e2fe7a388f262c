/**
 * `npm run bench -- <name> [args…]`: runs one benchmark in its own process and prints its figures.
 * Exit codes: the bench's own, or 2 when the name is missing, unknown or ambiguous.
 * @module
 */
import { IsolatedEnvironment } from '@netra/shared/server';
import { runChild } from '#runner/child.js';
import { findRepoRoot } from '#runner/root.js';
import { discoverBenches, qualifiedName, selectBenches, type Bench } from './discover.js';

function listing(benches: readonly Bench[]): string {
  if (benches.length === 0) {
    return 'No benchmarks found (packages/*/bench/<name>.bench.ts, services/*/bench/<name>.bench.ts).\n';
  }
  const rows = benches.map(
    (bench) => `  ${qualifiedName(bench).padEnd(32)} ${bench.owner}/bench/${bench.name}.bench.ts`,
  );
  return `Available benchmarks:\n${rows.join('\n')}\n\nUsage: npm run bench -- <name> [args…]\n`;
}

/** Picks the bench for `wanted`, or explains (on stderr) why none was picked. */
function pick(benches: readonly Bench[], wanted: string | undefined): Bench | undefined {
  const matches = wanted === undefined ? [] : selectBenches(benches, wanted);
  if (matches.length === 1) {
    return matches[0];
  }
  const reason =
    wanted === undefined
      ? 'name a benchmark to run'
      : matches.length === 0
        ? `unknown benchmark "${wanted}"`
        : `"${wanted}" is ambiguous; qualify it as <package>/<name>`;
  process.stderr.write(`error: ${reason}\n\n${listing(benches)}`);
  return undefined;
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const root = findRepoRoot(import.meta.dirname);
  const benches = discoverBenches(root);
  if (argv[0] === '--list' || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(listing(benches));
    return 0;
  }
  const bench = pick(benches, argv[0]);
  if (bench === undefined) {
    return 2;
  }
  process.stdout.write(`bench ${qualifiedName(bench)}\n`);
  const exit = await runChild(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', bench.file, ...argv.slice(1)],
    {
      cwd: root,
      env: IsolatedEnvironment.fromProcess({ dotenv: false }).toRecord(),
      stdio: 'inherit',
      out: process.stdout,
      err: process.stderr,
    },
  );
  return exit.code ?? 1;
}

process.exitCode = await main(process.argv.slice(2));
