/**
 * `npm run deploy`: parse the options, load the environment's settings, build the plan, validate,
 * print the report, and — unless it is a dry run or a rule failed — run the commands in order.
 * Exit codes: 0 deployed (or dry run passed), 1 refused or failed, 2 bad options or settings.
 * @module
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSecretSource, createSecretManagerSource, type SecretSource } from '@netra/shared/server';
import { deployCommands, type Command } from './commands.js';
import { OptionsError, USAGE, parseDeployOptions, type DeployOptions } from './options.js';
import { buildPlan, type DeployPlan } from './plan.js';
import { realProbes } from './probes.js';
import { headerLines, planLines, validationLines } from './report.js';
import { readSecretValues, unreadSecrets } from './secret-values.js';
import type { ServiceSpecs } from './services.js';
import { defaultSettingsFile, loadSettings } from './settings.js';
import {
  failedRules,
  validateDeployment,
  type Probes,
  type SecretValues,
  type ValidationResult,
} from '#validate/index.js';

export interface DeployDependencies {
  specs: ServiceSpecs;
  /** Repository root: images build from it, compliance scans it. */
  root: string;
  out: (line: string) => void;
  /** Secret Manager for a project; tests hand in a provider on a stand-in client. */
  secretManager?: (project: string) => Promise<SecretSource>;
  exec?: (command: Command, root: string) => Promise<void>;
  probes?: Probes;
  gitTag?: (root: string) => string;
}

function gitTag(root: string): string {
  return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
}

/** Runs one command with its output on this terminal; writes its file to a temporary directory first. */
async function execCommand(command: Command, root: string): Promise<void> {
  const dir = command.file === undefined ? undefined : mkdtempSync(join(tmpdir(), 'netra-deploy-'));
  const argv = command.argv.map((arg) =>
    dir === undefined || command.file === undefined
      ? arg
      : arg.replace('{file}', join(dir, command.file.name)),
  );
  if (dir !== undefined && command.file !== undefined) {
    writeFileSync(join(dir, command.file.name), command.file.content);
  }
  try {
    const [program = '', ...args] = argv;
    const code = await new Promise<number | null>((resolve, reject) => {
      spawn(program, args, { cwd: root, stdio: 'inherit' }).once('error', reject).once('exit', resolve);
    });
    if (code !== 0) {
      throw new Error(`${command.purpose}: ${program} exited with ${code ?? 'a signal'}`);
    }
  } finally {
    if (dir !== undefined) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function secretValuesFor(
  options: DeployOptions,
  plan: DeployPlan,
  deps: DeployDependencies,
): Promise<SecretValues> {
  if (options.secretsDir !== undefined) {
    return readSecretValues(plan, new FileSecretSource(options.secretsDir));
  }
  const description = `Secret Manager (project ${options.project})`;
  if (options.dryRun) {
    return unreadSecrets(description);
  }
  const secretManager = deps.secretManager ?? createSecretManagerSource;
  return readSecretValues(plan, await secretManager(options.project));
}

function prepare(
  argv: readonly string[],
  deps: DeployDependencies,
): { options: DeployOptions; plan: DeployPlan } {
  const options = parseDeployOptions(argv);
  const settings = loadSettings(
    options.config ?? defaultSettingsFile(options.environment),
    options.project,
    options.environment,
  );
  const tag = options.tag ?? (deps.gitTag ?? gitTag)(deps.root);
  return { options, plan: buildPlan(settings, options, tag) };
}

/** With --run-checks, each upstream a service calls must be ready before the service deploys. */
async function awaitUpstreams(
  command: Command,
  options: DeployOptions,
  deps: DeployDependencies,
): Promise<void> {
  if (!options.runChecks) {
    return;
  }
  const probes = deps.probes ?? realProbes;
  for (const url of command.needs ?? []) {
    await probes.http(url).catch((error: unknown) => {
      throw new Error(`${command.purpose} needs ${url}: ${(error as Error).message}`, { cause: error });
    });
  }
}

async function apply(
  commands: readonly Command[],
  options: DeployOptions,
  deps: DeployDependencies,
): Promise<number> {
  const exec = deps.exec ?? execCommand;
  for (const command of commands) {
    deps.out(`→ ${command.purpose}`);
    try {
      await awaitUpstreams(command, options, deps);
      await exec(command, deps.root);
    } catch (error) {
      deps.out(`deploy failed: ${(error as Error).message}`);
      return 1;
    }
  }
  deps.out(`deployed ${commands.length} steps`);
  return 0;
}

function prepareOrExplain(
  argv: readonly string[],
  deps: DeployDependencies,
): ReturnType<typeof prepare> | undefined {
  try {
    return prepare(argv, deps);
  } catch (error) {
    deps.out(`error: ${(error as Error).message}`);
    if (error instanceof OptionsError) {
      deps.out(USAGE);
    }
    return undefined;
  }
}

/** The closing line of a refused deploy: how many problems, in which rules. */
function refusal(failed: readonly ValidationResult[]): string {
  const count = failed.reduce((sum, rule) => sum + rule.problems.length, 0);
  const rules = failed.map((rule) => rule.rule).join(', ');
  return `refused: ${count} ${count === 1 ? 'problem' : 'problems'} in ${rules}; nothing was deployed`;
}

function print(deps: DeployDependencies, sections: readonly string[][]): void {
  for (const line of sections.flat()) {
    deps.out(line);
  }
}

/** Refuses on a failed rule, stops after a dry run, else applies the commands. */
async function conclude(
  results: readonly ValidationResult[],
  options: DeployOptions,
  commands: readonly Command[],
  deps: DeployDependencies,
): Promise<number> {
  const failed = failedRules(results);
  if (failed.length > 0) {
    deps.out(refusal(failed));
    return 1;
  }
  if (options.dryRun) {
    deps.out('dry run: validation passed; nothing was built or deployed');
    return 0;
  }
  return apply(commands, options, deps);
}

export async function runDeploy(argv: readonly string[], deps: DeployDependencies): Promise<number> {
  const prepared = prepareOrExplain(argv, deps);
  if (prepared === undefined) {
    return 2;
  }
  const { options, plan } = prepared;
  const secrets = await secretValuesFor(options, plan, deps);
  const context = { plan, specs: deps.specs, secrets, runChecks: options.runChecks, root: deps.root };
  const results = await validateDeployment({ ...context, probes: deps.probes ?? realProbes });
  const commands = deployCommands(plan);
  print(deps, [
    headerLines(options, plan, secrets.source),
    validationLines(results),
    planLines(plan, commands),
  ]);
  return conclude(results, options, commands, deps);
}
