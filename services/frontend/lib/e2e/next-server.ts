import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { childEnvironment } from './child-env';
import { FRONTEND_DIR, NEXT_CLI } from './paths';

/** A `next start` process serving the built frontend. */
export interface RunningFrontend {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

// Bounds on waiting for the server, so a broken start fails the test instead of hanging it.
const START_ATTEMPTS = 240;
const POLL_INTERVAL_MS = 250;
const STOP_GRACE_MS = 10_000;

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
    } else {
      child.once('exit', () => {
        resolve();
      });
    }
  });
}

async function answersReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt += 1) {
    if (child.exitCode !== null) {
      throw new Error(`next start exited with ${child.exitCode}:\n${output()}`);
    }
    if (await answersReady(url)) {
      return;
    }
    await sleep(POLL_INTERVAL_MS);
  }
  throw new Error(`next start never answered ${url}/health/ready:\n${output()}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // `next start` runs the server in a child process of its own: signal the whole process group.
    process.kill(-(child.pid ?? 0), signal);
  } catch {
    // The group is already gone.
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) {
    return;
  }
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => {
    signalGroup(child, 'SIGKILL');
  }, STOP_GRACE_MS);
  await exited(child);
  clearTimeout(timer);
}

/** Starts the built frontend with `next start` on 127.0.0.1:`port` and waits for `/health/ready`. */
export async function startFrontend(port: number, env: Record<string, string>): Promise<RunningFrontend> {
  const args = [NEXT_CLI, 'start', '--port', String(port), '--hostname', '127.0.0.1'];
  const child = spawn(process.execPath, args, {
    cwd: FRONTEND_DIR,
    env: childEnvironment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const output = () => log;
  try {
    await waitUntilReady(url, child, output);
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  return { url, output, stop: () => stopGroup(child) };
}
