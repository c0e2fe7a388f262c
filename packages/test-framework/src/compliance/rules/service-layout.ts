/**
 * The layout rules of ARCHITECTURE §1.1, judged in every service that has `src/platform/` or
 * `src/modules/`: only `platform/stores` imports a database driver, a module reaches another module
 * through its service and never its repository, and the platform knows nothing of modules.
 * @module
 */
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { SourceInfo } from '#compliance/source.js';
import type { Finding } from '#compliance/types.js';
import { isInside, resolveSubpathImport } from '#compliance/workspace.js';
import { importsOf, type ImportRef } from './imports.js';

/** Packages that open a connection to a store. Query builders (`drizzle-orm`, `drizzle-orm/pg-core`) are not drivers. */
const DRIVER_PACKAGES: ReadonlySet<string> = new Set([
  'pg',
  'pg-pool',
  'pg-native',
  'postgres',
  '@electric-sql/pglite',
  'ioredis',
  'redis',
  '@redis/client',
  '@clickhouse/client',
  '@clickhouse/client-web',
  'chdb',
  'bullmq',
]);

/** Drizzle's driver entries (`drizzle-orm/node-postgres`, and their `/migrator`). */
const DRIZZLE_DRIVERS: ReadonlySet<string> = new Set([
  'node-postgres',
  'pglite',
  'postgres-js',
  'neon-http',
  'neon-serverless',
  'vercel-postgres',
  'pg-proxy',
  'aws-data-api',
  'xata-http',
]);

const STORES_DIR = 'src/platform/stores/';
/** Job queues live on Redis through BullMQ, so the queue folder may import BullMQ (and nothing else). */
const QUEUE_DIR = 'src/platform/queue/';
const QUEUE_DRIVERS: ReadonlySet<string> = new Set(['bullmq']);
const PLATFORM_DIR = 'src/platform/';
const MODULES_DIR = 'src/modules/';
/** Tests and their scaffolding may open stores directly (to seed, inspect or break them). */
const TEST_SUPPORT_DIR = 'src/test-support/';
const TEST_FILE = /\.test\.(ts|tsx|mts)$/;
const REPOSITORY_FILE = /\.repository(\.(ts|mts|tsx|js|mjs))?$/;

/** The database driver a bare specifier loads (`pg`, `chdb`, `drizzle-orm/node-postgres`), if any. */
export function driverOf(specifier: string): string | undefined {
  const parts = specifier.split('/');
  const packageName = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  if (packageName === 'drizzle-orm') {
    const entry = parts[1] ?? '';
    return DRIZZLE_DRIVERS.has(entry) ? `drizzle-orm/${entry}` : undefined;
  }
  return DRIVER_PACKAGES.has(packageName) ? packageName : undefined;
}

/** A path inside the service, `/`-separated: `src/modules/usage/usage.service.ts`. */
function servicePath(info: SourceInfo, path: string): string {
  return relative(info.unit.dir, path).split(sep).join('/');
}

/** The module a service path belongs to (`usage` for `src/modules/usage/…`). */
function moduleOf(path: string): string | undefined {
  return path.startsWith(MODULES_DIR) ? path.slice(MODULES_DIR.length).split('/')[0] : undefined;
}

/** Where a relative or `#…` specifier points inside the file's own service. */
function localTarget(info: SourceInfo, specifier: string): string | undefined {
  const path = specifier.startsWith('.')
    ? resolve(dirname(info.path), specifier)
    : specifier.startsWith('#')
      ? resolveSubpathImport(info.unit, specifier)
      : undefined;
  return path !== undefined && isInside(info.unit.dir, path) ? servicePath(info, path) : undefined;
}

function mayImportDriver(path: string, driver: string): boolean {
  if (TEST_FILE.test(path) || path.startsWith(TEST_SUPPORT_DIR) || path.startsWith(STORES_DIR)) {
    return true;
  }
  return path.startsWith(QUEUE_DIR) && QUEUE_DRIVERS.has(driver);
}

function driverFinding(info: SourceInfo, path: string, ref: ImportRef): Finding | undefined {
  const driver = driverOf(ref.specifier);
  if (driver === undefined || mayImportDriver(path, driver)) {
    return undefined;
  }
  const allowed = QUEUE_DRIVERS.has(driver) ? `${STORES_DIR} or ${QUEUE_DIR}` : STORES_DIR;
  const message = `imports the database driver "${ref.specifier}"; only ${allowed} opens stores, use its connector`;
  return { rule: 'database-drivers', file: info.file, line: ref.line, message };
}

function moduleFinding(info: SourceInfo, path: string, ref: ImportRef): Finding | undefined {
  const target = localTarget(info, ref.specifier);
  const from = moduleOf(path);
  const to = target === undefined ? undefined : moduleOf(target);
  if (target === undefined || to === undefined) {
    return undefined;
  }
  if (path.startsWith(PLATFORM_DIR)) {
    const message = `platform imports module ${to} ("${ref.specifier}"); the platform knows nothing of modules`;
    return { rule: 'platform-modules', file: info.file, line: ref.line, message };
  }
  if (from === undefined || from === to || !REPOSITORY_FILE.test(basename(target))) {
    return undefined;
  }
  const message = `module ${from} imports the repository of module ${to} ("${ref.specifier}"); call ${to}'s service`;
  return { rule: 'module-repositories', file: info.file, line: ref.line, message };
}

/** Findings of the layout rules; none for packages or for services without the §1.1 layout. */
export function serviceLayoutFindings(info: SourceInfo): Finding[] {
  if (info.unit.kind !== 'service' || !info.unit.layered) {
    return [];
  }
  const path = servicePath(info, info.path);
  return importsOf(info.sourceFile).flatMap((ref) =>
    [driverFinding(info, path, ref), moduleFinding(info, path, ref)].filter(
      (finding): finding is Finding => finding !== undefined,
    ),
  );
}
