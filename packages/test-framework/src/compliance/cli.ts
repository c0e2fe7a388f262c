/**
 * `npm run compliance [-- --root DIR] [--json] [--quiet]`: the architecture compliance report.
 * Exits 1 when an ERROR rule has findings, 2 on a usage mistake, 0 otherwise.
 * @module
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findRepoRoot } from '#runner/root.js';
import { checkCompliance } from './check.js';
import { formatComplianceReport } from './report.js';

const USAGE = `Usage: npm run compliance -- [--root DIR] [--json] [--quiet]

  --root DIR   scan another repository root (default: this repository)
  --json       print the report as JSON
  --quiet      list error findings only (warnings are still counted)
`;

interface CliOptions {
  root: string;
  json: boolean;
  quiet: boolean;
}

/** Parses the compliance CLI arguments; returns a message string on a usage mistake. */
export function parseComplianceArgs(argv: readonly string[], defaultRoot: string): CliOptions | string {
  const options: CliOptions = { root: defaultRoot, json: false, quiet: false };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--json' || arg === '--quiet') {
      options[arg === '--json' ? 'json' : 'quiet'] = true;
    } else if (arg === '--root' || arg.startsWith('--root=')) {
      const value = arg === '--root' ? argv[(index += 1)] : arg.slice('--root='.length);
      if (value === undefined || value === '') {
        return '--root needs a directory';
      }
      options.root = resolve(value);
      if (!existsSync(options.root)) {
        return `--root ${value} does not exist`;
      }
    } else {
      return `unknown argument "${arg}"`;
    }
  }
  return options;
}

/** Runs the CLI and returns its exit code. */
export function main(argv: readonly string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const options = parseComplianceArgs(argv, findRepoRoot(import.meta.dirname));
  if (typeof options === 'string') {
    process.stderr.write(`error: ${options}\n\n${USAGE}`);
    return 2;
  }
  const report = checkCompliance({ root: options.root });
  const text = options.json
    ? `${JSON.stringify(report, null, 2)}\n`
    : formatComplianceReport(report, { verbose: !options.quiet });
  process.stdout.write(text);
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
