/**
 * The whole platform for end-to-end tests, started exactly as a developer starts it: `npm start`
 * (the dev launcher builds what is stale and runs auth, backend and frontend) in a process group of
 * its own, on a data directory of the test's own. The services are found where the launcher lists
 * them (`services.json`); stopping sends SIGINT to the group, as Ctrl-C in a terminal does.
 * @module
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  IsolatedEnvironment,
  readServicesFile,
  servicesFilePath,
  type ServicesFile,
} from '@netra/shared/server';

const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
/** A cold `tsc -b` and `next build` of the whole repository plus embedded store start-up. */
export const PLATFORM_START_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 30_000;
export const PLATFORM_SERVICES = ['auth', 'backend', 'frontend'] as const;
export type PlatformService = (typeof PLATFORM_SERVICES)[number];

export interface LaunchOptions {
  dataDir: string;
  /** Variables over the developer's environment; `undefined` removes one. */
  overrides?: Record<string, string | undefined>;
}

export interface LaunchedPlatform {
  /** The discovery file once every service was ready. */
  readonly services: ServicesFile;
  readonly npmPid: number;
  url(service: PlatformService): string;
  /** Everything the launcher printed so far. */
  output(): string;
  /** SIGINT to the process group; resolves once `npm start` has exited (SIGKILL after 30 s). */
  stop(): Promise<void>;
}

/**
 * The developer's environment with every store embedded (the launcher's promise: nothing to
 * install), development mode, no colours; `overrides` on top.
 */
export function launcherEnvironment(options: LaunchOptions): IsolatedEnvironment {
  return IsolatedEnvironment.fromProcess({ dotenv: false }).withOverrides({
    HOST: '127.0.0.1',
    NETRA_DATA_DIR: options.dataDir,
    ENVIRONMENT: 'development',
    DATABASE_URL: undefined,
    AUTH_DATABASE_URL: undefined,
    REDIS_URL: undefined,
    CLICKHOUSE_URL: undefined,
    NO_COLOR: '1',
    ...options.overrides,
  });
}

/** Sends a signal (0: only asks whether `pid` is alive); false when there is no such process. */
export function signal(pid: number, name: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

function allReady(dataDir: string): ServicesFile | undefined {
  const file = readServicesFile(servicesFilePath(dataDir));
  return file !== undefined && PLATFORM_SERVICES.every((name) => file.services[name]?.ready === true)
    ? file
    : undefined;
}

async function untilReady(
  dataDir: string,
  exited: () => boolean,
  output: () => string,
): Promise<ServicesFile> {
  const deadline = Date.now() + PLATFORM_START_TIMEOUT_MS;
  for (;;) {
    const file = allReady(dataDir);
    if (file !== undefined) {
      return file;
    }
    if (exited() || Date.now() > deadline) {
      throw new Error(`the platform did not become ready; launcher output:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Starts `npm start` and resolves once auth, backend and frontend are all ready. */
export async function launchPlatform(options: LaunchOptions): Promise<LaunchedPlatform> {
  // Its own process group, so a signal to the group is what Ctrl-C in a terminal sends.
  const npm = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: launcherEnvironment(options).toRecord(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const npmPid = npm.pid ?? 0;
  let output = '';
  let hasExited = false;
  npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    npm.once('exit', () => {
      hasExited = true;
      resolve();
    }),
  );
  const stop = async () => {
    signal(-npmPid, 'SIGINT');
    const timer = setTimeout(() => signal(-npmPid, 'SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    const services = await untilReady(
      options.dataDir,
      () => hasExited,
      () => output,
    );
    return {
      services,
      npmPid,
      url: (service) => services.services[service]?.url ?? '',
      output: () => output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
