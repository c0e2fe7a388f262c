import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsolatedEnvironment } from '@netra/shared/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { frontendBuild, frontendStaleReason } from './netra-builds.js';
import { hashSources } from './source-hash.js';

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'netra-build-'));
  write('services/frontend/app/page.tsx', 'export default 1;');
  write('packages/shared/src/index.ts', 'export {};');
  write('package-lock.json', '{}');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const inputs = ['services/frontend', 'packages/shared/src', 'package-lock.json'];

describe('hashSources', () => {
  it('changes when a source or the lockfile changes', () => {
    const before = hashSources(root, inputs);
    write('services/frontend/app/page.tsx', 'export default 2;');
    const afterSource = hashSources(root, inputs);
    write('package-lock.json', '{"v":2}');
    expect(new Set([before, afterSource, hashSources(root, inputs)]).size).toBe(3);
  });

  it('ignores build output, dependencies and files builds rewrite', () => {
    const before = hashSources(root, inputs);
    write('services/frontend/.next/BUILD_ID', 'abc');
    write('services/frontend/node_modules/x/index.js', '1');
    write('services/frontend/next-env.d.ts', '// generated');
    expect(hashSources(root, inputs)).toBe(before);
  });

  it('includes the extra text (build-time environment)', () => {
    expect(hashSources(root, inputs, 'NEXT_PUBLIC_A=1')).not.toBe(
      hashSources(root, inputs, 'NEXT_PUBLIC_A=2'),
    );
  });
});

describe('frontend build staleness', () => {
  const frontendDir = () => join(root, 'services/frontend');

  it('needs a build when there is none, or no stamp, or the sources changed', () => {
    expect(frontendStaleReason(frontendDir(), 'h', 'h')).toBe('no build yet');
    write('services/frontend/.next/BUILD_ID', 'abc');
    expect(frontendStaleReason(frontendDir(), undefined, 'h')).toBe('no record of what was built');
    expect(frontendStaleReason(frontendDir(), 'old', 'new')).toBe('sources changed');
    expect(frontendStaleReason(frontendDir(), 'h', 'h')).toBeUndefined();
  });

  it('is up to date after a successful build until a source changes', () => {
    const step = frontendBuild(root, join(root, '.netra'), IsolatedEnvironment.isolated());
    write('services/frontend/.next/BUILD_ID', 'abc');
    expect(step.staleReason()).toBe('no record of what was built');
    step.onSuccess?.();
    expect(step.staleReason()).toBeUndefined();
    write('packages/shared/src/index.ts', 'export const changed = true;');
    expect(step.staleReason()).toBe('sources changed');
  });

  it('treats a changed NEXT_PUBLIC_ value as a change', () => {
    const dataDir = join(root, '.netra');
    write('services/frontend/.next/BUILD_ID', 'abc');
    const built = frontendBuild(root, dataDir, IsolatedEnvironment.isolated());
    built.staleReason();
    built.onSuccess?.();
    const withPublic = frontendBuild(root, dataDir, IsolatedEnvironment.isolated({ NEXT_PUBLIC_X: '1' }));
    expect(withPublic.staleReason()).toBe('sources changed');
  });
});
