/**
 * The workspace layout the rules reason about: which directory is which package or service.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

export type UnitKind = 'package' | 'service';

/** One `imports` entry of a package.json: `#*` → `./src/*` (the `source` target, for scanning sources). */
export type SubpathImport = readonly [pattern: string, target: string];

/** One workspace member: `packages/<name>` or `services/<name>`. */
export interface WorkspaceUnit {
  kind: UnitKind;
  /** Directory name, e.g. `backend`. */
  name: string;
  /** Absolute directory. */
  dir: string;
  /** `name` from its package.json, or `@netra/<dir>` when it has none. */
  packageName: string;
  /** Whether it has the §1.1 layout (`src/platform/` or `src/modules/`), which the layout rules judge. */
  layered: boolean;
  /** Its package.json `imports` (Node subpath imports), to resolve `#…` specifiers. */
  subpathImports: readonly SubpathImport[];
}

const KIND_DIRS: readonly [string, UnitKind][] = [
  ['packages', 'package'],
  ['services', 'service'],
];

interface Manifest {
  name?: unknown;
  imports?: unknown;
}

function readManifest(dir: string): Manifest {
  const manifest = join(dir, 'package.json');
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as Manifest) : {};
}

/** The file a subpath target points at when scanning sources: the `source` condition, else `default`. */
function targetPath(target: unknown): string | undefined {
  if (typeof target === 'string') {
    return target;
  }
  if (typeof target !== 'object' || target === null) {
    return undefined;
  }
  const conditions = target as Record<string, unknown>;
  return targetPath(conditions.source ?? conditions.default ?? conditions.import);
}

function subpathImportsOf(manifest: Manifest): SubpathImport[] {
  const imports = typeof manifest.imports === 'object' && manifest.imports !== null ? manifest.imports : {};
  return Object.entries(imports).flatMap(([pattern, target]) => {
    const path = targetPath(target);
    return path === undefined ? [] : [[pattern, path] as const];
  });
}

function unitAt(kind: UnitKind, dir: string, name: string): WorkspaceUnit {
  const manifest = readManifest(dir);
  return {
    kind,
    name,
    dir,
    packageName: typeof manifest.name === 'string' ? manifest.name : `@netra/${name}`,
    layered: ['platform', 'modules'].some((area) => existsSync(join(dir, 'src', area))),
    subpathImports: subpathImportsOf(manifest),
  };
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
      .map((name) => unitAt(kind, join(base, name), name));
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

/** The path a `#…` specifier resolves to through the unit's subpath imports (patterns with one `*`). */
export function resolveSubpathImport(unit: WorkspaceUnit, specifier: string): string | undefined {
  for (const [pattern, target] of unit.subpathImports) {
    const star = pattern.indexOf('*');
    if (star === -1 && pattern === specifier) {
      return join(unit.dir, target);
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    const fits = star !== -1 && specifier.startsWith(prefix) && specifier.endsWith(suffix);
    if (fits && specifier.length >= prefix.length + suffix.length) {
      const matched = specifier.slice(prefix.length, specifier.length - suffix.length);
      return join(unit.dir, target.replaceAll('*', matched));
    }
  }
  return undefined;
}
