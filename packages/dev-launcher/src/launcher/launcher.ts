import { resolve } from 'node:path';
import { ConfigError, type IsolatedEnvironment } from '@netra/shared/server';
import { parseLaunchArgs, usage, type LaunchArgs } from '#cli/args.js';
import { UsageError } from '#cli/usage-error.js';
import type { BuildStep } from '#build/build-step.js';
import { netraBuilds } from '#build/netra-builds.js';
import { loadLauncherConfig, type LauncherConfig } from '#config/launcher-config.js';
import type { Output } from '#output/output.js';
import { netraServices } from '#services/netra-services.js';
import type { ServiceDefinition } from '#services/service-definition.js';
import { orderByDependencies, selectServices } from '#services/service-order.js';
import { LaunchSession } from './launch-session.js';

/** What `runLauncher` needs; the optional parts default to Netra's real services so tests can swap them. */
export interface LauncherOptions {
  /** The repository root: `.env` files, `.netra/` and the service entry points are found from it. */
  rootDir: string;
  argv: readonly string[];
  env: IsolatedEnvironment;
  output: Output;
  /** The services to choose from; default: auth, backend and frontend. */
  definitions?: (config: LauncherConfig) => readonly ServiceDefinition[];
  /** Build steps by the names definitions use; default: `typescript` (tsc -b) and `frontend` (next build). */
  builds?: Readonly<Record<string, BuildStep>>;
  /** How long a service may take to stop after SIGTERM before it is killed. */
  stopGraceMs?: number;
  /** How often readiness is polled. */
  pollIntervalMs?: number;
}

/** Everything a launch needs, resolved and validated. */
export interface LaunchSetup {
  rootDir: string;
  /** Absolute data directory (`.netra` by default): embedded stores, build stamps, services.json. */
  dataDir: string;
  env: IsolatedEnvironment;
  output: Output;
  config: LauncherConfig;
  args: LaunchArgs;
  definitions: readonly ServiceDefinition[];
  /** The services to start, in start order. */
  selected: readonly ServiceDefinition[];
  builds: Readonly<Record<string, BuildStep>>;
  stopGraceMs: number;
  pollIntervalMs: number;
  readyTimeoutS: number;
}

const DEFAULT_STOP_GRACE_MS = 10_000;
const DEFAULT_POLL_INTERVAL_MS = 250;

/**
 * Builds, starts the selected services in dependency order, keeps them running until a signal or
 * a crash, then stops them all. Resolves with the process exit code (0 stopped by a signal,
 * 1 failure, 2 bad invocation or configuration).
 */
export async function runLauncher(options: LauncherOptions): Promise<number> {
  const setup = prepareLaunch(options);
  if (typeof setup === 'number') {
    return setup;
  }
  return new LaunchSession(setup).run();
}

/** Validates configuration and arguments; returns an exit code when there is nothing to launch. */
export function prepareLaunch(options: LauncherOptions): LaunchSetup | number {
  try {
    return resolveSetup(options);
  } catch (error) {
    if (error instanceof ConfigError) {
      options.output.problem(error.message);
      return 2;
    }
    throw error;
  }
}

function resolveSetup(options: LauncherOptions): LaunchSetup | number {
  const config = loadLauncherConfig(options.env).values;
  const definitions = (options.definitions ?? ((values) => netraServices(values, options.rootDir)))(config);
  const invocation = parseInvocation(options, definitions);
  if (typeof invocation === 'number') {
    return invocation;
  }
  const dataDir = resolve(options.rootDir, config.NETRA_DATA_DIR);
  const color = options.output.colors.isColorSupported;
  return {
    ...options,
    ...invocation,
    dataDir,
    config,
    definitions,
    builds: options.builds ?? netraBuilds({ rootDir: options.rootDir, dataDir, env: options.env, color }),
    stopGraceMs: options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS,
    pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    readyTimeoutS: invocation.args.readyTimeoutS ?? config.LAUNCHER_READY_TIMEOUT_S,
  };
}

/** The arguments and the services they select; an exit code after printing help or a usage error. */
function parseInvocation(
  options: LauncherOptions,
  definitions: readonly ServiceDefinition[],
): { args: LaunchArgs; selected: ServiceDefinition[] } | number {
  const names = orderByDependencies(definitions).map((definition) => definition.name);
  try {
    const args = parseLaunchArgs(options.argv);
    if (args.help) {
      options.output.line(usage(names));
      return 0;
    }
    return { args, selected: selectServices(definitions, args.services) };
  } catch (error) {
    if (!(error instanceof UsageError)) {
      throw error;
    }
    options.output.problem(`error: ${error.message}\n\n${usage(names)}`);
    return 2;
  }
}
