/**
 * Finds the TypeScript sources the compliance rules scan.
 * @module
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Directories never scanned: dependencies, build output, and deliberate-violation fixtures. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  'dist',
  '.next',
  'coverage',
  'fixtures',
]);

const SOURCE = /\.(ts|tsx|mts)$/;
const DECLARATION = /\.d\.(ts|mts)$/;

/** Whether a file name is a scanned source (TypeScript, not a declaration file). */
export function isSourceFile(name: string): boolean {
  return SOURCE.test(name) && !DECLARATION.test(name);
}

/** Every scanned source under `dir`, sorted. */
export function listSourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Hidden directories hold tool state (.netra, .turbo), never sources.
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) {
      continue;
    }
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...listSourceFiles(path));
    } else if (entry.isFile() && isSourceFile(entry.name)) {
      found.push(path);
    }
  }
  return found.sort();
}
