import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessCommand } from '#services/service-definition.js';
import { isGroupAlive, signalGroup, waitUntil } from './liveness.js';

/** How a process ended: an exit code, a signal, or an error that kept it from starting. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: string;
}

/** Which stream a line came from. */
export type StreamName = 'stdout' | 'stderr';

/** Receives each complete line a process writes. */
export type LineListener = (line: string, stream: StreamName) => void;

/** How `stop` ended: nothing was running, it stopped on SIGTERM, or it had to be killed. */
export type StopOutcome = 'not-running' | 'stopped' | 'killed';

const TAIL_LINES = 20;
/** After exit, how long to wait for the pipes to drain so the last lines are not lost. */
const DRAIN_MS = 500;
const KILL_WAIT_MS = 3_000;

/**
 * A child process in its own process group (spawned detached), so stopping it reaches every
 * process it started. Keeps the last lines of each stream for crash reports.
 */
export class ManagedProcess {
  readonly exited: Promise<ExitInfo>;
  private exitInfo: ExitInfo | undefined;
  private readonly tails: Record<StreamName, string[]> = { stdout: [], stderr: [] };
  private readonly child: ChildProcess;

  private constructor(
    readonly name: string,
    command: ProcessCommand,
    env: Record<string, string>,
    onLine: LineListener,
  ) {
    this.child = spawn(command.command, [...command.args], {
      cwd: command.cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.readLines('stdout', onLine);
    this.readLines('stderr', onLine);
    this.exited = this.watchExit();
  }

  /** Starts `command` with exactly `env` as its environment. */
  static start(name: string, command: ProcessCommand, env: Record<string, string>, onLine: LineListener) {
    return new ManagedProcess(name, command, env, onLine);
  }

  /** The process id, which is also its process group id; undefined when it could not be spawned. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The exit, once it has happened. */
  get exit(): ExitInfo | undefined {
    return this.exitInfo;
  }

  /** The last lines written to `stream`. */
  lastLines(stream: StreamName): readonly string[] {
    return this.tails[stream];
  }

  /** Whether any process of its group is still alive (a grandchild may outlive the child). */
  isRunning(): boolean {
    return this.pid !== undefined && isGroupAlive(this.pid);
  }

  /** SIGTERM to the whole group, SIGKILL when it is not gone within `graceMs`. */
  async stop(graceMs: number): Promise<StopOutcome> {
    const pid = this.pid;
    if (pid === undefined || !isGroupAlive(pid)) {
      return 'not-running';
    }
    signalGroup(pid, 'SIGTERM');
    const stopped = await waitUntil(() => !isGroupAlive(pid), graceMs);
    if (!stopped) {
      signalGroup(pid, 'SIGKILL');
      await waitUntil(() => !isGroupAlive(pid), KILL_WAIT_MS);
    }
    // Its last lines are still in the pipes; let them through before reporting it stopped.
    await this.exited;
    return stopped ? 'stopped' : 'killed';
  }

  /** SIGKILL to the whole group, synchronously: for the last moments of the launcher. */
  killNow(): void {
    if (this.pid !== undefined) {
      signalGroup(this.pid, 'SIGKILL');
    }
  }

  private readLines(stream: StreamName, onLine: LineListener): void {
    const source = this.child[stream];
    if (source === null) {
      return;
    }
    const tail = this.tails[stream];
    createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) {
        tail.shift();
      }
      onLine(line, stream);
    });
  }

  private watchExit(): Promise<ExitInfo> {
    return new Promise((resolve) => {
      const finish = (info: ExitInfo) => {
        this.exitInfo ??= info;
        resolve(this.exitInfo);
      };
      this.child.once('error', (error) => {
        finish({ code: null, signal: null, error: error.message });
      });
      this.child.once('exit', (code, signal) => {
        // A grandchild may hold the pipes open, so wait for 'close' only briefly.
        const closed = new Promise((done) => this.child.once('close', done));
        void Promise.race([closed, sleep(DRAIN_MS)]).then(() => {
          finish({ code, signal });
        });
      });
    });
  }
}
