import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IsolatedEnvironment } from '@netra/shared/server';
import { NEXT_ENVIRONMENT, nextBin } from '#services/netra-services.js';
import type { BuildStep } from './build-step.js';
import { hashSources } from './source-hash.js';

/** What the frontend build depends on: its own sources, the shared package, the exact dependencies. */
export const FRONTEND_BUILD_INPUTS = [
  'services/frontend',
  'packages/shared/src',
  'package-lock.json',
] as const;

/** Where the builds run and what they may use. */
export interface BuildContext {
  rootDir: string;
  dataDir: string;
  env: IsolatedEnvironment;
  /** Whether build tools may colour their output. */
  color: boolean;
}

/** The build steps Netra's services name: `typescript` (tsc -b) and `frontend` (next build). */
export function netraBuilds(context: BuildContext): Record<string, BuildStep> {
  return {
    typescript: typescriptBuild(context.rootDir, context.color),
    frontend: frontendBuild(context.rootDir, context.dataDir, context.env),
  };
}

/** `tsc -b` over the whole repository; incremental, so it always runs and is quick when nothing changed. */
export function typescriptBuild(rootDir: string, pretty: boolean): BuildStep {
  const tsc = join(rootDir, 'node_modules/typescript/bin/tsc');
  return {
    label: 'tsc -b',
    command: { command: process.execPath, args: [tsc, '-b', '--pretty', String(pretty)], cwd: rootDir },
    staleReason: () => 'incremental',
  };
}

/**
 * `next build`, only when there is no build yet or its inputs changed since the last one (a hash
 * stamp under the data directory records what was built).
 */
export function frontendBuild(rootDir: string, dataDir: string, env: IsolatedEnvironment): BuildStep {
  const frontendDir = join(rootDir, 'services/frontend');
  const stampPath = join(dataDir, 'frontend-build.json');
  let inputHash: string | undefined;
  return {
    label: 'next build',
    command: {
      command: process.execPath,
      args: [nextBin(rootDir), 'build'],
      cwd: frontendDir,
      env: NEXT_ENVIRONMENT,
    },
    staleReason: () => {
      // Hash before building: an edit made during the build must make the next start rebuild.
      inputHash = hashSources(rootDir, FRONTEND_BUILD_INPUTS, publicBuildEnvironment(env));
      return frontendStaleReason(frontendDir, readStamp(stampPath), inputHash);
    },
    onSuccess: () => {
      if (inputHash !== undefined) {
        writeStamp(stampPath, inputHash);
      }
    },
  };
}

/** Why the frontend must be built, or undefined when `.next` matches the current inputs. */
export function frontendStaleReason(
  frontendDir: string,
  stamp: string | undefined,
  hash: string,
): string | undefined {
  if (!existsSync(join(frontendDir, '.next/BUILD_ID'))) {
    return 'no build yet';
  }
  if (stamp === undefined) {
    return 'no record of what was built';
  }
  return stamp === hash ? undefined : 'sources changed';
}

/** NEXT_PUBLIC_* values are inlined into the bundle at build time, so they are build inputs too. */
function publicBuildEnvironment(env: IsolatedEnvironment): string {
  return env
    .names()
    .filter((name) => name.startsWith('NEXT_PUBLIC_'))
    .map((name) => `${name}=${env.get(name) ?? ''}`)
    .join('\n');
}

function readStamp(path: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const hash = (parsed as { hash?: unknown }).hash;
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
}

function writeStamp(path: string, hash: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ hash, built_at: new Date().toISOString() }, null, 2)}\n`);
}
