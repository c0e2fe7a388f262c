/**
 * The workspace layout the rules reason about: which directory is which package or service.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

export type UnitKind = 'package' | 'service';

/** One workspace member: `packages/<name>` or `services/<name>`. */
export interface WorkspaceUnit {
  kind: UnitKind;
  /** Directory name, e.g. `backend`. */
  name: string;
  /** Absolute directory. */
  dir: string;
  /** `name` from its package.json, or `@netra/<dir>` when it has none. */
  packageName: string;
}

const KIND_DIRS: readonly [string, UnitKind][] = [
  ['packages', 'package'],
  ['services', 'service'],
];

function packageNameOf(dir: string, fallback: string): string {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) {
    return fallback;
  }
  const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
  return typeof parsed.name === 'string' ? parsed.name : fallback;
}

/** Lists the packages and services under `root`. */
export function loadWorkspace(root: string): WorkspaceUnit[] {
  return KIND_DIRS.flatMap(([parent, kind]) => {
    const base = join(root, parent);
    if (!existsSync(base)) {
      return [];
    }
    return readdirSync(base)
      .filter((name) => !name.startsWith('.') && statSync(join(base, name)).isDirectory())
      .sort()
      .map((name) => {
        const dir = join(base, name);
        return { kind, name, dir, packageName: packageNameOf(dir, `@netra/${name}`) };
      });
  });
}

/** Whether `path` is `dir` or inside it. */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The unit a path belongs to, if any. */
export function unitOf(units: readonly WorkspaceUnit[], path: string): WorkspaceUnit | undefined {
  return units.find((unit) => isInside(unit.dir, path));
}

/** The unit a bare specifier such as `@netra/auth/x` names, if it is a workspace member. */
export function unitForSpecifier(
  units: readonly WorkspaceUnit[],
  specifier: string,
): WorkspaceUnit | undefined {
  return units.find((unit) => specifier === unit.packageName || specifier.startsWith(`${unit.packageName}/`));
}
