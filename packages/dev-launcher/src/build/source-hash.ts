import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Directories that hold build output or dependencies, never sources. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.next', '.turbo', '.netra', 'coverage', 'dist', 'out']);
/** Files that builds rewrite themselves; hashing them would make every build look stale. */
const SKIPPED_FILES = new Set(['next-env.d.ts', 'tsconfig.tsbuildinfo']);

/**
 * A content hash of files and directories under `rootDir` (paths relative to it), plus extra
 * text such as build-time environment values. Missing paths count as empty.
 */
export function hashSources(rootDir: string, paths: readonly string[], extra = ''): string {
  const hash = createHash('sha256');
  for (const path of paths) {
    hashPath(hash, rootDir, join(rootDir, path));
  }
  hash.update(`\0extra\0${extra}`);
  return hash.digest('hex');
}

function hashPath(hash: Hash, rootDir: string, path: string): void {
  if (!existsSync(path)) {
    return;
  }
  if (!statSync(path).isDirectory()) {
    hash.update(`\0file\0${relative(rootDir, path)}\0`);
    hash.update(readFileSync(path));
    return;
  }
  const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const skipped = entry.isDirectory() ? SKIPPED_DIRECTORIES.has(entry.name) : SKIPPED_FILES.has(entry.name);
    if (!skipped && (entry.isDirectory() || entry.isFile())) {
      hashPath(hash, rootDir, join(path, entry.name));
    }
  }
}
