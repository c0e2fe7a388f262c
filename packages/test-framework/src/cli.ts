/**
 * `npm test [-- --level L] [--service S] [--fast-fail] [--coverage]`: the unified test runner.
 * Exit codes: 0 all green, 1 something failed, 2 usage mistake.
 * @module
 */
import { IsolatedEnvironment } from '@netra/shared/server';
import { parseRunArgs, RunArgsError, USAGE, type RunOptions } from '#runner/args.js';
import { finalLine, ZERO } from '#runner/counts.js';
import { findRepoRoot } from '#runner/root.js';
import { runTests } from '#runner/run.js';

function parse(argv: readonly string[]): RunOptions | undefined {
  try {
    return parseRunArgs(argv);
  } catch (error) {
    if (error instanceof RunArgsError) {
      process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
      return undefined;
    }
    throw error;
  }
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const options = parse(argv);
  if (options === undefined) {
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const summary = await runTests(options, {
    root: findRepoRoot(import.meta.dirname),
    // Children read their own .env files; only the real process environment is passed on.
    env: IsolatedEnvironment.fromProcess({ dotenv: false }),
    stdio: 'inherit',
    out: process.stdout,
    err: process.stderr,
    buildBeforeE2e: true,
  });
  return summary.exitCode;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // A bug in the runner itself: still honour the contract that the last line is the count line.
  process.stderr.write(
    `test runner crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.stdout.write(`${finalLine({ ...ZERO, failed: 1 })}\n`);
  process.exitCode = 1;
}
