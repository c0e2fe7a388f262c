/**
 * The `netra` launcher (bin/netra.js) chooses between the bundled CLI, the compiled CLI and the
 * TypeScript sources: tried on a copy of it in a throwaway tree whose "bundled", "compiled" and
 * "source" CLIs only say which they are, with the build infos, bundle and sources aged on purpose.
 * @module
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const LAUNCHER = fileURLToPath(new URL('../../bin/netra.js', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../../../node_modules', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'netra-launcher-'));
const backend = join(root, 'services', 'backend');
const HOUR_S = 3_600;
const now = Math.floor(Date.now() / 1000);

function write(path: string, text: string, ageHours: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  const at = now - ageHours * HOUR_S;
  utimesSync(path, at, at);
}

/** Sources an hour old; each project's build info `buildAges` hours old (backend, shared, optimizer). */
function age(buildAges: [number, number, number]): void {
  const projects = [backend, join(root, 'packages', 'shared'), join(root, 'packages', 'optimizer')];
  projects.forEach((project, index) => {
    write(join(project, 'src', 'index.ts'), '// source\n', 1);
    write(join(project, 'dist', '.tsbuildinfo'), '{}', buildAges[index] ?? 0);
  });
  write(join(backend, 'src', 'cli', 'netra.ts'), "console.log('ran the sources');\n", 1);
  // The compiled entry is old on purpose: tsc -b leaves an output alone when it comes out the same.
  write(join(backend, 'dist', 'cli', 'netra.js'), "console.log('ran the build');\n", 48);
}

const BUNDLE = () => join(backend, 'dist', 'bundle', 'cli', 'netra.js');

/** What the launcher runs with a bundle `ageHours` old in place (removed afterwards). */
function launchWithBundle(ageHours: number): string {
  write(BUNDLE(), "console.log('ran the bundle');\n", ageHours);
  try {
    return launch();
  } finally {
    rmSync(BUNDLE());
  }
}

function launch(): string {
  const run = spawnSync(process.execPath, [join(backend, 'bin', 'netra.js')], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`.trim();
}

beforeAll(() => {
  mkdirSync(join(backend, 'bin'), { recursive: true });
  copyFileSync(LAUNCHER, join(backend, 'bin', 'netra.js'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  symlinkSync(NODE_MODULES, join(root, 'node_modules'), 'dir');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the netra launcher', () => {
  it('runs the build when every project was compiled after its sources changed', () => {
    age([0, 0, 0]);
    expect(launch()).toBe('ran the build');
  });

  it('runs the sources when any project changed after its last compilation', () => {
    age([0, 2, 0]);
    expect(launch()).toBe('ran the sources');
    age([2, 0, 0]);
    expect(launch()).toBe('ran the sources');
  });

  it('runs the build when only files the build leaves out changed after it (tests, fixtures)', () => {
    age([0.5, 0.5, 0.5]);
    const leftOut = [
      join(backend, 'src', 'cli', 'netra.int.test.ts'),
      join(backend, 'src', 'test-support', 'events.ts'),
      join(root, 'packages', 'shared', 'src', 'formats', 'fixtures', 'sample.json'),
    ];
    for (const path of leftOut) {
      write(path, '// not compiled\n', 0);
    }
    try {
      expect(launch()).toBe('ran the build');
      write(join(backend, 'src', 'cli', 'analyze.ts'), '// compiled\n', 0);
      expect(launch()).toBe('ran the sources');
    } finally {
      for (const path of [...leftOut, join(backend, 'src', 'cli', 'analyze.ts')]) {
        rmSync(path);
      }
    }
  });

  it('runs the bundle when it was made after every compilation', () => {
    age([0.5, 0.5, 0.5]);
    expect(launchWithBundle(0.25)).toBe('ran the bundle');
  });

  it('runs the build, not a bundle made before a later compilation', () => {
    age([0.5, 0.25, 0.5]);
    expect(launchWithBundle(0.4)).toBe('ran the build');
  });

  it('runs the sources, not a bundle, when the sources changed after the last compilation', () => {
    age([2, 2, 2]);
    expect(launchWithBundle(0)).toBe('ran the sources');
  });
});
