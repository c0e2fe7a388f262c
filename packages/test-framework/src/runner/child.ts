/**
 * Runs a child process and resolves with how it ended; never rejects.
 * @module
 */
import { spawn } from 'node:child_process';

/** Where text goes; `process.stdout` satisfies it, and tests pass a collector. */
export interface TextSink {
  write(text: string): unknown;
}

export interface ChildOptions {
  cwd: string;
  env: Record<string, string>;
  /** `inherit` shares the terminal (colors, live progress); `pipe` forwards to `out`/`err`. */
  stdio: 'inherit' | 'pipe';
  out: TextSink;
  err: TextSink;
}

export interface ChildExit {
  /** Exit code; null when the process was killed by a signal or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: Error;
}

/** Starts `command args…` and waits for it to exit. */
export function runChild(
  command: string,
  args: readonly string[],
  options: ChildOptions,
): Promise<ChildExit> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: options.stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => options.out.write(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => options.err.write(chunk));
    child.once('error', (error) => {
      resolve({ code: null, signal: null, error });
    });
    child.once('close', (code, signal) => {
      resolve({ code, signal });
    });
  });
}

/** A one-line description of a failed exit, for summaries. */
export function describeExit(exit: ChildExit): string {
  if (exit.error !== undefined) {
    return `could not start: ${exit.error.message}`;
  }
  return exit.signal === null ? `exited with code ${exit.code ?? 'unknown'}` : `killed by ${exit.signal}`;
}
