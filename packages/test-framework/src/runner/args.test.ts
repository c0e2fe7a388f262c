import { describe, expect, it } from 'vitest';
import { LEVELS, parseRunArgs, RunArgsError } from './args.js';

describe('parseRunArgs', () => {
  it('runs compliance and every level, unfiltered, by default', () => {
    const options = parseRunArgs([]);
    expect(options).toEqual({
      levels: [...LEVELS],
      services: [],
      fastFail: false,
      coverage: false,
      help: false,
    });
  });

  it('selects levels from repeated flags, comma lists and --level=, always in run order', () => {
    expect(parseRunArgs(['--level', 'e2e', '--level', 'unit']).levels).toEqual(['unit', 'e2e']);
    expect(parseRunArgs(['--level=integration,unit']).levels).toEqual(['unit', 'integration']);
    expect(parseRunArgs(['--level', 'unit,unit']).levels).toEqual(['unit']);
    expect(parseRunArgs(['--level', 'compliance']).levels).toEqual(['compliance']);
  });

  it('narrows to services without dropping levels', () => {
    const options = parseRunArgs([
      '--service',
      'backend',
      '--service=auth,dev-launcher',
      '--service',
      'backend',
    ]);
    expect(options.services).toEqual(['backend', 'auth', 'dev-launcher']);
    expect(options.levels).toEqual([...LEVELS]);
  });

  it('reads the boolean flags', () => {
    const options = parseRunArgs(['--fast-fail', '--coverage', '--level', 'unit']);
    expect(options).toMatchObject({ fastFail: true, coverage: true, help: false });
    expect(parseRunArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['--bogus'], 'unknown argument "--bogus"'],
    [['unit'], 'unknown argument "unit"'],
    [['--level', 'smoke'], 'unknown level "smoke"'],
    [['--service', 'billing'], 'unknown service "billing"'],
    [['--level'], '--level needs a value'],
    [['--level', '--fast-fail'], '--level needs a value'],
    [['--service='], '--service needs a value'],
    [['--coverage=yes'], 'unknown argument "--coverage=yes"'],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseRunArgs(argv)).toThrow(RunArgsError);
    expect(() => parseRunArgs(argv)).toThrow(message);
  });
});
