/**
 * The environment and file providers of SecretSource, and which source each environment reads from.
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IsolatedEnvironment } from '#env/isolated-environment.js';
import { SecretManagerSource } from './secret-manager.js';
import { EnvironmentSecretSource, FileSecretSource, selectSecretSource } from './secret-source.js';

const dirs: string[] = [];
function secretsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'netra-secrets-'));
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

describe('EnvironmentSecretSource', () => {
  it('reads a variable and treats an unset or empty one as missing', async () => {
    const source = new EnvironmentSecretSource(IsolatedEnvironment.isolated({ JWT: 'k1', EMPTY: '' }));
    expect(await source.get('JWT')).toBe('k1');
    expect(await source.get('EMPTY')).toBeUndefined();
    expect(await source.get('ABSENT')).toBeUndefined();
  });
});

describe('FileSecretSource', () => {
  it('reads the file named by the secret without its final newline', async () => {
    const source = new FileSecretSource(secretsDir({ 'auth-signing-keys': '{"current":{}}\n', blank: '' }));
    expect(await source.get('auth-signing-keys')).toBe('{"current":{}}');
    expect(await source.get('blank')).toBeUndefined();
    expect(await source.get('absent')).toBeUndefined();
    expect(source.description).toMatch(/^directory /);
  });

  it('refuses a name that would leave the directory', async () => {
    const source = new FileSecretSource(secretsDir({}));
    await expect(source.get('../etc/passwd')).rejects.toThrow(/no paths/);
  });
});

describe('selectSecretSource', () => {
  const env = IsolatedEnvironment.isolated({ JWT: 'from-env' });

  it('reads the environment in development and test', async () => {
    for (const environment of ['development', 'test'] as const) {
      expect(await selectSecretSource({ environment, env })).toBeInstanceOf(EnvironmentSecretSource);
    }
  });

  it('reads Secret Manager in staging and production, and needs the project for it', async () => {
    const source = await selectSecretSource({ environment: 'production', env, project: 'acme-prod' });
    expect(source).toBeInstanceOf(SecretManagerSource);
    expect(source.description).toBe('Secret Manager (project acme-prod)');
    await expect(selectSecretSource({ environment: 'staging', env })).rejects.toThrow(/project is required/);
  });

  it('reads a given directory in any environment', async () => {
    const directory = secretsDir({ JWT: 'from-file' });
    const source = await selectSecretSource({ environment: 'production', env, directory });
    expect(await source.get('JWT')).toBe('from-file');
  });
});
