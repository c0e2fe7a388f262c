/**
 * Command-line arguments of the unified test runner (`npm test -- …`).
 * @module
 */

/** Every check the runner knows, in the order they run. */
export const LEVELS = ['compliance', 'unit', 'integration', 'e2e', 'browser'] as const;
export type Level = (typeof LEVELS)[number];

/** The levels that are vitest projects (compliance runs in-process, browser is Playwright's). */
export type TestLevel = Exclude<Level, 'compliance' | 'browser'>;

/** `--service` names and the repository paths their tests live under. */
export const SERVICE_PATHS = {
  backend: 'services/backend',
  auth: 'services/auth',
  frontend: 'services/frontend',
  shared: 'packages/shared',
  optimizer: 'packages/optimizer',
  'dev-launcher': 'packages/dev-launcher',
  'test-framework': 'packages/test-framework',
  deploy: 'packages/deploy',
} as const;
export type ServiceName = keyof typeof SERVICE_PATHS;

export interface RunOptions {
  /** Selected levels, deduplicated, in run order. */
  levels: Level[];
  services: ServiceName[];
  fastFail: boolean;
  coverage: boolean;
  help: boolean;
}

/** A command-line mistake; the CLI prints the message and exits with code 2. */
export class RunArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunArgsError';
  }
}

export const USAGE = `Usage: npm test -- [options]

Runs architecture compliance, then the unit, integration and e2e levels, then the browser
suite (Playwright in Debian Chromium against the platform started by the launcher).

Options:
  --level LEVEL      compliance | unit | integration | e2e | browser (repeatable or comma list)
  --service NAME     ${Object.keys(SERVICE_PATHS).join(' | ')}
                     (repeatable or comma list; narrows the test levels to that code;
                     compliance always scans the whole repository)
  --fast-fail        stop at the first failure
  --coverage         collect v8 coverage into coverage/<level>
  -h, --help         show this help

Compliance counts as one check. A level that crashes counts as one failure, and so does a
selection that matches no test file at all. The last line is always
"N passed, N failed, N skipped"; the exit code is 1 when anything failed, 2 on a usage mistake.
`;

function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

function isServiceName(value: string): value is ServiceName {
  return Object.hasOwn(SERVICE_PATHS, value);
}

function splitList(flag: string, raw: string | undefined): string[] {
  if (raw === undefined || raw.startsWith('-')) {
    throw new RunArgsError(`${flag} needs a value`);
  }
  const values = raw
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (values.length === 0) {
    throw new RunArgsError(`${flag} needs a value`);
  }
  return values;
}

function parseLevels(raw: string | undefined): Level[] {
  return splitList('--level', raw).map((value) => {
    if (!isLevel(value)) {
      throw new RunArgsError(`unknown level "${value}" (expected one of ${LEVELS.join(', ')})`);
    }
    return value;
  });
}

function parseServices(raw: string | undefined): ServiceName[] {
  return splitList('--service', raw).map((value) => {
    if (!isServiceName(value)) {
      throw new RunArgsError(
        `unknown service "${value}" (expected one of ${Object.keys(SERVICE_PATHS).join(', ')})`,
      );
    }
    return value;
  });
}

interface Collected {
  levels: Level[];
  services: ServiceName[];
  flags: Set<string>;
}

/** Splits `--flag=value` so both spellings share one code path. */
function splitInline(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return equals === -1 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}

/** Consumes one argument (and its value, when separate); returns how many were used. */
function consume(collected: Collected, arg: string, next: string | undefined): number {
  const [flag, inline] = splitInline(arg);
  const value = inline ?? next;
  const used = inline === undefined ? 2 : 1;
  if (flag === '--level') {
    collected.levels.push(...parseLevels(value));
    return used;
  }
  if (flag === '--service') {
    collected.services.push(...parseServices(value));
    return used;
  }
  if (['--fast-fail', '--coverage', '--help', '-h'].includes(flag) && inline === undefined) {
    collected.flags.add(flag === '-h' ? '--help' : flag);
    return 1;
  }
  throw new RunArgsError(`unknown argument "${arg}"`);
}

/** Parses the runner's arguments; throws RunArgsError on anything it does not recognise. */
export function parseRunArgs(argv: readonly string[]): RunOptions {
  const collected: Collected = { levels: [], services: [], flags: new Set() };
  let index = 0;
  while (index < argv.length) {
    index += consume(collected, argv[index] ?? '', argv[index + 1]);
  }
  const levels = collected.levels.length === 0 ? [...LEVELS] : collected.levels;
  return {
    levels: LEVELS.filter((level) => levels.includes(level)),
    services: [...new Set(collected.services)],
    fastFail: collected.flags.has('--fast-fail'),
    coverage: collected.flags.has('--coverage'),
    help: collected.flags.has('--help'),
  };
}
