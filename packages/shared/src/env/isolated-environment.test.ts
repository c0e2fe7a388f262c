import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentEnvironment, IsolatedEnvironment, runWithEnvironment } from './isolated-environment.js';
import { snapshotProcessEnvironment } from './process-source.js';

const dirs: string[] = [];
function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'netra-env-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('IsolatedEnvironment', () => {
  it('an isolated instance sees only its own values and never the process environment', () => {
    const env = IsolatedEnvironment.isolated({ PORT: '9000' });
    expect(env.get('PORT')).toBe('9000');
    expect(env.get('PATH')).toBeUndefined();
    expect(env.names()).toEqual(['PORT']);
  });

  it('overrides never leak into process.env or into the instance they were derived from', () => {
    const base = IsolatedEnvironment.isolated({ A: '1' });
    const derived = base.withOverrides({ A: '2', NETRA_LEAK_CHECK: 'x' });
    expect(base.get('A')).toBe('1');
    expect(derived.get('A')).toBe('2');
    expect(snapshotProcessEnvironment().NETRA_LEAK_CHECK).toBeUndefined();
    expect(base.has('NETRA_LEAK_CHECK')).toBe(false);
  });

  it('withOverrides(undefined) removes a value', () => {
    const env = IsolatedEnvironment.isolated({ A: '1', B: '2' }).withOverrides({ A: undefined });
    expect(env.has('A')).toBe(false);
    expect(env.get('B')).toBe('2');
  });

  it('tracks the source of every value: dotenv file, process, override', () => {
    const dir = dirWith({ '.env': 'FROM_FILE=file\nPATH=/from/dotenv\n' });
    const env = IsolatedEnvironment.fromProcess({ dotenvDir: dir }).withOverrides({ FORCED: 'yes' });
    expect(env.originOf('FROM_FILE')).toEqual({ source: 'dotenv', file: join(dir, '.env') });
    expect(env.originOf('PATH')).toEqual({ source: 'process' });
    expect(env.originOf('FORCED')).toEqual({ source: 'override' });
    expect(env.originOf('NOT_SET_ANYWHERE')).toBeUndefined();
  });

  it('applies the documented precedence: .env < .env.local < process < override', () => {
    const dir = dirWith({
      '.env': 'LAYER=env\nONLY_ENV=env\nPATH=/dotenv\n',
      '.env.local': 'LAYER=local\n',
    });
    const processPath = snapshotProcessEnvironment().PATH;
    const env = IsolatedEnvironment.fromProcess({ dotenvDir: dir });
    expect(env.get('LAYER')).toBe('local');
    expect(env.originOf('LAYER')).toEqual({ source: 'dotenv', file: join(dir, '.env.local') });
    expect(env.get('ONLY_ENV')).toBe('env');
    expect(env.get('PATH')).toBe(processPath);
    expect(env.withOverrides({ LAYER: 'override' }).get('LAYER')).toBe('override');
  });

  it('can ignore dotenv files', () => {
    const dir = dirWith({ '.env': 'FROM_FILE=file\n' });
    expect(IsolatedEnvironment.fromProcess({ dotenvDir: dir, dotenv: false }).has('FROM_FILE')).toBe(false);
  });

  it('masks secrets and URL passwords in dumps', () => {
    const env = IsolatedEnvironment.isolated({
      JWT_SECRET: 'very-secret',
      DATABASE_URL: 'postgres://app:hunter2@db/netra',
      CUSTOM: 'plain',
      LOOKS_HARMLESS: 'but-secret',
    });
    const dump = env.dump(new Set(['LOOKS_HARMLESS']));
    expect(dump.JWT_SECRET?.value).toBe('****');
    expect(dump.DATABASE_URL?.value).toBe('postgres://app:****@db/netra');
    expect(dump.CUSTOM?.value).toBe('plain');
    expect(dump.LOOKS_HARMLESS?.value).toBe('****');
    expect(JSON.stringify(dump)).not.toMatch(/very-secret|hunter2|but-secret/);
  });

  it('keeps concurrent async scopes apart', async () => {
    const seen: string[] = [];
    const task = (value: string, delayMs: number) =>
      runWithEnvironment(IsolatedEnvironment.isolated({ WHO: value }), async () => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        seen.push(`${value}:${currentEnvironment().get('WHO') ?? 'none'}`);
      });
    await Promise.all([task('a', 30), task('b', 5), task('c', 15)]);
    expect(seen.sort()).toEqual(['a:a', 'b:b', 'c:c']);
    expect(currentEnvironment().get('WHO')).toBeUndefined();
  });

  it('parses dotenv text with the same rules as files', () => {
    const env = IsolatedEnvironment.fromDotenvText('# comment\nQUOTED="a b"\nEMPTY=\n', 'inline.env');
    expect(env.get('QUOTED')).toBe('a b');
    expect(env.get('EMPTY')).toBe('');
    expect(env.originOf('QUOTED')).toEqual({ source: 'dotenv', file: 'inline.env' });
  });
});
