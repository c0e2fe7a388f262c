import { describe, expect, it } from 'vitest';
import { parseLaunchArgs, parseServiceList, usage } from './args.js';
import { UsageError } from './usage-error.js';

describe('parseLaunchArgs', () => {
  it('starts everything and builds when given no arguments', () => {
    expect(parseLaunchArgs([])).toEqual({
      services: undefined,
      build: true,
      readyTimeoutS: undefined,
      help: false,
    });
  });

  it('reads --services as a comma-separated list, in both spellings', () => {
    expect(parseLaunchArgs(['--services', 'auth,backend']).services).toEqual(['auth', 'backend']);
    expect(parseLaunchArgs(['--services=backend']).services).toEqual(['backend']);
  });

  it('joins repeated --services, trims names and drops duplicates', () => {
    const args = parseLaunchArgs(['--services', ' auth , backend,', '--services', 'auth,frontend']);
    expect(args.services).toEqual(['auth', 'backend', 'frontend']);
  });

  it('reads --no-build, --ready-timeout and --help', () => {
    const args = parseLaunchArgs(['--no-build', '--ready-timeout', '30', '-h']);
    expect(args).toMatchObject({ build: false, readyTimeoutS: 30, help: true });
  });

  it.each([
    [['--services', ' , ']],
    [['--services']],
    [['--bogus']],
    [['auth']],
    [['--ready-timeout', 'soon']],
    [['--ready-timeout', '0']],
  ])('rejects %j with a UsageError', (argv) => {
    expect(() => parseLaunchArgs(argv)).toThrow(UsageError);
  });

  it('explains an empty service list', () => {
    expect(() => parseServiceList([','])).toThrow(/at least one service name/);
  });
});

describe('usage', () => {
  it('names the services in start order', () => {
    expect(usage(['auth', 'backend', 'frontend'])).toContain('(auth → backend → frontend)');
  });
});
