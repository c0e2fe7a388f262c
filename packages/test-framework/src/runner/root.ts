/**
 * Locates the repository root (the package.json that declares the workspaces).
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function declaresWorkspaces(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) {
    return false;
  }
  const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
  return parsed.workspaces !== undefined;
}

/** The nearest directory at or above `from` whose package.json declares workspaces. */
export function findRepoRoot(from: string): string {
  let dir = from;
  while (!declaresWorkspaces(dir)) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`no workspace root (package.json with "workspaces") above ${from}`);
    }
    dir = parent;
  }
  return dir;
}
