#!/usr/bin/env node
/**
 * The `netra` command (`npx netra analyze usage.jsonl`). Runs the built CLI from dist/ when the
 * build is at least as new as every source file it comes from — its one-file bundle
 * (scripts/bundle-cli.js) when that was made after the last compilation, which starts faster —;
 * otherwise runs the TypeScript source through tsx (from the repository's devDependencies) in a
 * child process, so a fresh clone needs no build step and an edited checkout never runs stale code.
 * @module
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const backend = fileURLToPath(new URL('..', import.meta.url));
const source = join(backend, 'src', 'cli', 'netra.ts');
const built = join(backend, 'dist', 'cli', 'netra.js');
const bundled = join(backend, 'dist', 'bundle', 'cli', 'netra.js');
/**
 * The sources dist/ is compiled from (the backend and the workspace packages it imports), each with
 * the build-info file its compilation rewrites: `tsc -b` leaves an output file untouched when its
 * JavaScript comes out the same, so only the build info tells when a tree was last compiled. Files
 * a build leaves out (its tsconfig's `exclude`, mirrored here) are not looked at: editing them recompiles nothing,
 * so the build info would stay older than them and the launcher would run the sources for good.
 */
const SOURCE_TREES = [
  ['src', 'dist/.tsbuildinfo', /^test-support\/|(^|\/)fixtures\/|\.test\.ts$/],
  ['../../packages/shared/src', '../../packages/shared/dist/.tsbuildinfo', /(^|\/)fixtures\//],
  ['../../packages/optimizer/src', '../../packages/optimizer/dist/.tsbuildinfo', /(^|\/)fixtures\//],
].map(([tree, buildInfo, excluded]) => ({
  tree: join(backend, tree),
  buildInfo: join(backend, buildInfo),
  excluded,
}));

/** The newest modification time of any compiled file under `dir` (0 when it does not exist). */
function newestIn(dir, excluded) {
  if (!existsSync(dir)) {
    return 0;
  }
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !excluded.test(relative(dir, path))) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function builtIsCurrent() {
  if (!existsSync(built)) {
    return false;
  }
  return SOURCE_TREES.every(
    ({ tree, buildInfo, excluded }) =>
      existsSync(buildInfo) && newestIn(tree, excluded) <= statSync(buildInfo).mtimeMs,
  );
}

/** The bundle is made from dist/: it is current when dist/ is and no compilation came after it. */
function bundleIsCurrent() {
  if (!existsSync(bundled)) {
    return false;
  }
  const bundledAt = statSync(bundled).mtimeMs;
  return SOURCE_TREES.every(({ buildInfo }) => statSync(buildInfo).mtimeMs <= bundledAt);
}

function runSource() {
  // Resolved from this file, so `netra` works from any working directory.
  const tsx = import.meta.resolve('tsx');
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', tsx, source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // Ctrl-C reaches the child through the terminal's process group; the launcher waits for it to clean up.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === 'SIGINT' ? 130 : 1);
  });
}

if (builtIsCurrent()) {
  await import(bundleIsCurrent() ? bundled : built);
} else {
  runSource();
}
