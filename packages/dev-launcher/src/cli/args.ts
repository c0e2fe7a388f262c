import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/** What the command line asked for. */
export interface LaunchArgs {
  /** The services named with `--services`, or undefined for all. */
  services: string[] | undefined;
  /** False with `--no-build`. */
  build: boolean;
  /** `--ready-timeout` in seconds, overriding LAUNCHER_READY_TIMEOUT_S. */
  readyTimeoutS: number | undefined;
  help: boolean;
}

const OPTIONS = {
  services: { type: 'string', multiple: true },
  'no-build': { type: 'boolean', default: false },
  'ready-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Parses the launcher's arguments; throws a UsageError for anything it does not understand. */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    services: values.services === undefined ? undefined : parseServiceList(values.services),
    build: !values['no-build'],
    readyTimeoutS: values['ready-timeout'] === undefined ? undefined : parseSeconds(values['ready-timeout']),
    help: values.help,
  };
}

/** Names from one or more comma-separated lists, trimmed and without duplicates. */
export function parseServiceList(lists: readonly string[]): string[] {
  const names = lists.flatMap((list) => list.split(',')).map((name) => name.trim());
  const unique = [...new Set(names.filter((name) => name !== ''))];
  if (unique.length === 0) {
    throw new UsageError('--services needs at least one service name, e.g. --services auth,backend');
  }
  return unique;
}

function parseSeconds(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--ready-timeout must be a positive number of seconds (got "${text}")`);
  }
  return seconds;
}

/** The help text; lists the services this launcher knows. */
export function usage(serviceNames: readonly string[]): string {
  return [
    'Usage: npm start -- [options]',
    '',
    `Builds, then starts the Netra services in dependency order (${serviceNames.join(' → ')}).`,
    '',
    'Options:',
    `  --services <names>    comma-separated subset to start (${serviceNames.join(', ')})`,
    '  --no-build            skip tsc -b and next build',
    '  --ready-timeout <s>   seconds each service may take to become ready (env LAUNCHER_READY_TIMEOUT_S)',
    '  -h, --help            show this help',
  ].join('\n');
}
