#!/usr/bin/env node
/**
 * The `netra` command (`npx netra analyze usage.jsonl`). Runs the built CLI from dist/ when the
 * build is at least as new as every source file it comes from; otherwise runs the TypeScript source
 * through tsx (from the repository's devDependencies) in a child process, so a fresh clone needs no
 * build step and an edited checkout never runs stale code.
 * @module
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const backend = fileURLToPath(new URL('..', import.meta.url));
const source = join(backend, 'src', 'cli', 'netra.ts');
const built = join(backend, 'dist', 'cli', 'netra.js');
/**
 * The sources dist/ is compiled from (the backend and the workspace packages it imports), each with
 * the build-info file its compilation rewrites: `tsc -b` leaves an output file untouched when its
 * JavaScript comes out the same, so only the build info tells when a tree was last compiled.
 */
const SOURCE_TREES = [
  ['src', 'dist/.tsbuildinfo'],
  ['../../packages/shared/src', '../../packages/shared/dist/.tsbuildinfo'],
  ['../../packages/optimizer/src', '../../packages/optimizer/dist/.tsbuildinfo'],
].map(([tree, buildInfo]) => ({ tree: join(backend, tree), buildInfo: join(backend, buildInfo) }));

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newestIn(dir) {
  if (!existsSync(dir)) {
    return 0;
  }
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function builtIsCurrent() {
  if (!existsSync(built)) {
    return false;
  }
  return SOURCE_TREES.every(
    ({ tree, buildInfo }) => existsSync(buildInfo) && newestIn(tree) <= statSync(buildInfo).mtimeMs,
  );
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
  await import(built);
} else {
  runSource();
}
