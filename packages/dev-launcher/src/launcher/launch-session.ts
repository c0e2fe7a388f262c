import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildsFor, type BuildStep } from '#build/build-step.js';
import { readServicesFile, servicesFilePath, ServiceRegistry } from '#discovery/services-file.js';
import { renderLogLine } from '#output/log-line.js';
import type { Colors } from '#output/output.js';
import { LinePrefixer } from '#output/prefix.js';
import { formatSeconds, startProgress } from '#output/progress.js';
import { isProcessAlive } from '#process/liveness.js';
import { ManagedProcess, type StopOutcome } from '#process/managed-process.js';
import { ProcessStack } from '#process/process-stack.js';
import { describeTiers, pollReadiness, type ReadinessResult } from '#readiness/readiness.js';
import type { ProcessCommand } from '#services/service-definition.js';
import { planServices, type ServicePlan } from '#services/service-plan.js';
import type { LaunchSetup } from './launcher.js';
import { describeStopCause, exitCodeFor, pickTail } from './stop-cause.js';

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/**
 * One Ctrl-C can arrive twice (from the terminal and forwarded by npm), so only a signal this
 * long after the first one means "stop waiting, kill everything".
 */
const FORCE_AFTER_MS = 1_000;

/** One run of the launcher: build, start in order, supervise, stop in reverse. */
/** The key the backend writes for development (services/backend/src/organizations/development-access.ts). */
function readDevelopmentKey(dataDir: string): string | undefined {
  try {
    const key = readFileSync(join(dataDir, 'backend', 'dev-api-key'), 'utf8').trim();
    return key === '' ? undefined : key;
  } catch {
    return undefined;
  }
}

export class LaunchSession {
  private readonly stack = new ProcessStack();
  private readonly registry: ServiceRegistry;
  private readonly prefixer: LinePrefixer;
  private readonly colors: Colors;
  private readonly startedAt = performance.now();

  constructor(private readonly setup: LaunchSetup) {
    this.colors = setup.output.colors;
    this.registry = new ServiceRegistry(servicesFilePath(setup.dataDir));
    const buildLabels = setup.args.build
      ? buildsFor(setup.selected, setup.builds).map((step) => step.label)
      : [];
    this.prefixer = new LinePrefixer(
      [...setup.selected.map((definition) => definition.name), ...buildLabels],
      this.colors,
    );
  }

  /** Runs until a signal or a failure, stops everything, and resolves with the exit code. */
  async run(): Promise<number> {
    const detach = this.attachSignals();
    try {
      if (this.anotherLauncherRuns()) {
        return 1;
      }
      await this.startEverything().catch((error: unknown) => {
        this.stack.requestStop({
          kind: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
      });
      const cause = await this.stack.stopped;
      const lines = describeStopCause(cause, this.colors).join('\n');
      if (cause.kind === 'signal') {
        this.say(lines);
      } else {
        this.setup.output.problem(lines);
      }
      return exitCodeFor(cause);
    } finally {
      await this.stopEverything();
      detach();
    }
  }

  private async startEverything(): Promise<void> {
    if (this.setup.args.build && !(await this.runBuilds())) {
      return;
    }
    if (this.stack.isStopping()) {
      return;
    }
    const plans = await planServices({
      definitions: this.setup.definitions,
      selected: this.setup.selected,
      host: this.setup.config.HOST,
      rootDir: this.setup.rootDir,
      dataDir: this.setup.dataDir,
      stores: this.setup.config,
    });
    this.announcePorts(plans);
    for (const plan of plans) {
      if (this.stack.isStopping() || !(await this.startService(plan))) {
        return;
      }
    }
    this.announceReady(plans);
  }

  private async runBuilds(): Promise<boolean> {
    for (const step of buildsFor(this.setup.selected, this.setup.builds)) {
      if (this.stack.isStopping() || !(await this.runBuild(step))) {
        return false;
      }
    }
    return true;
  }

  private async runBuild(step: BuildStep): Promise<boolean> {
    const { green, cyan, yellow } = this.colors;
    const reason = step.staleReason();
    if (reason === undefined) {
      this.say(`${green('✓')} ${step.label}: up to date`);
      return true;
    }
    this.say(`${cyan('▸')} ${step.label} (${reason})`);
    const progress = startProgress(this.setup.output, `${yellow('◌')} ${step.label}…`);
    const child = this.spawn(
      step.label,
      step.command,
      this.setup.env.withOverrides(step.command.env ?? {}).toRecord(),
      false,
    );
    const exit = await Promise.race([child.exited, this.stack.stopped.then(() => undefined)]);
    const seconds = progress.finish();
    if (exit === undefined) {
      return false;
    }
    if (exit.code !== 0) {
      this.stack.requestStop({ kind: 'build-failed', label: step.label, exit });
      return false;
    }
    step.onSuccess?.();
    this.say(`${green('✓')} ${step.label} done in ${formatSeconds(seconds)}`);
    return true;
  }

  private async startService(plan: ServicePlan): Promise<boolean> {
    const { name, readinessPath } = plan.definition;
    const environment = this.setup.env.withOverrides({ ...plan.command.env, ...plan.env });
    const child = this.spawn(name, plan.command, environment.toRecord(), true);
    if (child.pid !== undefined) {
      this.registry.register(name, { url: plan.url, port: plan.port, pid: child.pid });
    }
    const { yellow } = this.colors;
    const progress = startProgress(this.setup.output, `${yellow('◌')} ${name} starting…`);
    const result = await pollReadiness(`${plan.url}${readinessPath}`, {
      timeoutMs: this.setup.readyTimeoutS * 1000,
      intervalMs: this.setup.pollIntervalMs,
      signal: this.stack.signal,
    });
    const seconds = progress.finish();
    return this.afterReadiness(plan, child, result, seconds);
  }

  private afterReadiness(plan: ServicePlan, child: ManagedProcess, result: ReadinessResult, seconds: number) {
    const name = plan.definition.name;
    switch (result.kind) {
      case 'ready': {
        this.registry.markReady(name);
        const described = result.readiness === undefined ? '' : describeTiers(result.readiness);
        const tiers = described === '' ? '' : ` (${described})`;
        const took = this.colors.dim(`in ${formatSeconds(seconds)}`);
        this.say(`${this.colors.green('✓')} ${name} ready on ${plan.url}${tiers} ${took}`);
        return true;
      }
      case 'timeout': {
        const tail = pickTail(child.lastLines('stderr'), child.lastLines('stdout'));
        const timeoutS = this.setup.readyTimeoutS;
        this.stack.requestStop({ kind: 'not-ready', name, timeoutS, lastAnswer: result.lastAnswer, tail });
        return false;
      }
      case 'cancelled':
        return false;
    }
  }

  private spawn(name: string, command: ProcessCommand, env: Record<string, string>, critical: boolean) {
    const child = ManagedProcess.start(name, command, env, (line) => {
      this.setup.output.line(this.prefixer.prefix(name, renderLogLine(line, this.colors)));
    });
    this.stack.track(child, { critical });
    return child;
  }

  private announcePorts(plans: readonly ServicePlan[]): void {
    for (const plan of plans.filter((candidate) => candidate.moved)) {
      const preferred = plan.definition.preferredPort;
      const why = preferred === 0 ? 'any free port was asked for' : `port ${preferred} is in use`;
      this.say(this.colors.yellow(`! ${plan.definition.name}: ${why}, using ${plan.port}`));
    }
  }

  private announceReady(plans: readonly ServicePlan[]): void {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const width = Math.max(9, ...plans.map((plan) => plan.definition.name.length));
    const path = servicesFilePath(this.setup.dataDir);
    const inRepository = relative(this.setup.rootDir, path);
    const discovery = inRepository.startsWith('..') ? path : inRepository;
    this.say(
      [
        `${this.colors.green('✓')} ${plans.length} service(s) ready in ${formatSeconds(seconds)}; Ctrl-C stops them`,
        ...plans.map((plan) => `   ${plan.definition.name.padEnd(width)}  ${this.colors.bold(plan.url)}`),
        `   ${'discovery'.padEnd(width)}  ${discovery}`,
        ...this.ingestionHint(plans),
      ].join('\n'),
    );
  }

  /** The development ingestion key the backend provisioned, with a ready-to-run request. */
  private ingestionHint(plans: readonly ServicePlan[]): string[] {
    const backend = plans.find((plan) => plan.definition.name === 'backend');
    const key = backend === undefined ? undefined : readDevelopmentKey(this.setup.dataDir);
    if (backend === undefined || key === undefined) {
      return [];
    }
    return [
      `   dev ingestion key  ${key}`,
      `   try: curl -X POST ${backend.url}/api/v1/ingest/events -H 'authorization: Bearer ${key}' \\`,
      `          -H 'content-type: application/json' \\`,
      `          -d '{"events":[{"timestamp":"${new Date().toISOString()}","model":"gpt-4o","input_tokens":1200,"output_tokens":300}]}'`,
    ];
  }

  private async stopEverything(): Promise<void> {
    const hadRunning = this.stack.hasRunning();
    await this.stack.stopAll(this.setup.stopGraceMs, (name, outcome, leftover) => {
      this.say(this.describeStop(leftover ? `${name}'s leftover processes` : name, outcome));
    });
    this.registry.remove();
    if (hadRunning) {
      this.say(`${this.colors.yellow('■')} all services stopped`);
    }
  }

  private describeStop(what: string, outcome: Exclude<StopOutcome, 'not-running'>): string {
    if (outcome === 'stopped') {
      return `  ${what} stopped`;
    }
    return this.colors.yellow(
      `  ${what} did not stop within ${formatSeconds(this.setup.stopGraceMs / 1000)}, killed`,
    );
  }

  private anotherLauncherRuns(): boolean {
    const path = servicesFilePath(this.setup.dataDir);
    const existing = readServicesFile(path);
    if (
      existing === undefined ||
      existing.launcher_pid === process.pid ||
      !isProcessAlive(existing.launcher_pid)
    ) {
      return false;
    }
    const message = `✗ another launcher (pid ${existing.launcher_pid}) is running from this checkout (${path}); stop it first`;
    this.setup.output.problem(this.colors.red(message));
    return true;
  }

  /** Stops on SIGINT/SIGTERM/SIGHUP; a later second signal kills at once; exiting kills whatever is left. */
  private attachSignals(): () => void {
    let firstSignalAt: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.stack.requestStop({ kind: 'signal', signal })) {
        firstSignalAt = performance.now();
        return;
      }
      if (firstSignalAt !== undefined && performance.now() - firstSignalAt < FORCE_AFTER_MS) {
        return;
      }
      this.setup.output.problem(this.colors.red(`✗ ${signal} again: killing all services now`));
      this.stack.killAllNow();
    };
    const onExit = () => {
      this.stack.killAllNow();
    };
    STOP_SIGNALS.forEach((signal) => process.on(signal, onSignal));
    process.on('exit', onExit);
    return () => {
      STOP_SIGNALS.forEach((signal) => process.off(signal, onSignal));
      process.off('exit', onExit);
    };
  }

  private say(text: string): void {
    this.setup.output.line(text);
  }
}
