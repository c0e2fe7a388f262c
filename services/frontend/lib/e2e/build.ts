import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { childEnvironment } from './child-env';
import { FRONTEND_DIR, NEXT_CLI, REPOSITORY_ROOT, TSC_CLI } from './paths';
import { runNodeScript } from './run-command';

const BUILD_ID_FILE = join(FRONTEND_DIR, '.next', 'BUILD_ID');
const SOURCE_ENTRIES = [
  'app',
  'components',
  'features',
  'lib',
  'instrumentation.ts',
  'next.config.ts',
  'package.json',
  'tsconfig.json',
];
const SHARED_DIST = join(REPOSITORY_ROOT, 'packages', 'shared', 'dist');

/** Test files and e2e helpers never reach the build, so editing them must not force a rebuild. */
function isBuildInput(path: string): boolean {
  return !/\.test\.tsx?$/.test(path) && !path.includes(join('lib', 'e2e'));
}

function newestModification(path: string): number {
  if (!existsSync(path)) {
    return 0;
  }
  if (!statSync(path).isDirectory()) {
    return statSync(path).mtimeMs;
  }
  const files = readdirSync(path, { recursive: true, encoding: 'utf8' }).map((name) => join(path, name));
  return Math.max(0, ...files.filter(isBuildInput).map((file) => statSync(file).mtimeMs));
}

function buildIsCurrent(): boolean {
  if (!existsSync(BUILD_ID_FILE)) {
    return false;
  }
  const inputs = [...SOURCE_ENTRIES.map((entry) => join(FRONTEND_DIR, entry)), SHARED_DIST];
  return Math.max(...inputs.map(newestModification)) < statSync(BUILD_ID_FILE).mtimeMs;
}

/**
 * Builds `@netra/shared` (incremental, a no-op when current) and then the frontend when its build
 * is missing or older than its sources; returns the build id the server will run.
 */
export async function ensureFrontendBuilt(): Promise<string> {
  const env = childEnvironment();
  await runNodeScript(TSC_CLI, ['-b', 'packages/shared'], REPOSITORY_ROOT, env);
  if (!buildIsCurrent()) {
    await runNodeScript(NEXT_CLI, ['build'], FRONTEND_DIR, env);
  }
  return currentBuildId();
}

/** The id of the build in `.next`, which changes whenever `next build` runs. */
export function currentBuildId(): string {
  return readFileSync(BUILD_ID_FILE, 'utf8').trim();
}
