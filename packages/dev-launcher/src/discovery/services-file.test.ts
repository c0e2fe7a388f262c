import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readServicesFile, servicesFilePath, ServiceRegistry } from './services-file.js';

const directories: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'netra-discovery-'));
  directories.push(dir);
  return join(dir, '.netra');
}

afterEach(() => {
  directories.splice(0).forEach((dir) => {
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('ServiceRegistry', () => {
  it('lists a spawned service as not ready, then ready, then removes the file', () => {
    const path = servicesFilePath(tempDataDir());
    const registry = new ServiceRegistry(path, 1234);
    registry.register('backend', { url: 'http://127.0.0.1:8000', port: 8000, pid: 99 });
    expect(readServicesFile(path)).toMatchObject({
      launcher_pid: 1234,
      services: { backend: { url: 'http://127.0.0.1:8000', port: 8000, pid: 99, ready: false } },
    });
    registry.markReady('backend');
    const file = readServicesFile(path)!;
    expect(file.services.backend?.ready).toBe(true);
    expect(Number.isNaN(Date.parse(file.services.backend!.started_at))).toBe(false);
    registry.remove();
    expect(existsSync(path)).toBe(false);
  });

  it('leaves a file it did not write alone', () => {
    const path = servicesFilePath(tempDataDir());
    new ServiceRegistry(path, 1).register('auth', { url: 'http://127.0.0.1:8081', port: 8081, pid: 5 });
    new ServiceRegistry(path, 2).remove();
    expect(existsSync(path)).toBe(true);
  });
});

describe('readServicesFile', () => {
  it('returns undefined for a missing or malformed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-discovery-'));
    directories.push(dir);
    expect(readServicesFile(join(dir, 'missing.json'))).toBeUndefined();
    writeFileSync(join(dir, 'bad.json'), '{"launcher_pid":"x"}');
    expect(readServicesFile(join(dir, 'bad.json'))).toBeUndefined();
  });
});
