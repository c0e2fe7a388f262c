import { renderLogLine } from '#output/log-line.js';
import type { Colors } from '#output/output.js';
import type { ExitInfo } from '#process/managed-process.js';

/** The last lines a process wrote, for a failure report. */
export interface OutputTail {
  stream: 'stderr' | 'stdout';
  lines: readonly string[];
}

/** Why the launcher stops: the first of these to happen wins. */
export type StopCause =
  | { kind: 'signal'; signal: NodeJS.Signals }
  | { kind: 'exited'; name: string; exit: ExitInfo; tail: OutputTail }
  | { kind: 'not-ready'; name: string; timeoutS: number; lastAnswer: string; tail: OutputTail }
  | { kind: 'build-failed'; label: string; exit: ExitInfo }
  | { kind: 'error'; message: string };

/** 0 when a signal asked the launcher to stop, 1 when something failed. */
export function exitCodeFor(cause: StopCause): number {
  return cause.kind === 'signal' ? 0 : 1;
}

/** Human-readable lines saying why the launcher stops. */
export function describeStopCause(cause: StopCause, colors: Colors): string[] {
  switch (cause.kind) {
    case 'signal':
      return [`${colors.yellow('■')} received ${cause.signal}, stopping services`];
    case 'exited':
      return [colors.red(`✗ ${cause.name} ${describeExit(cause.exit)}`), ...describeTail(cause.tail, colors)];
    case 'not-ready':
      return [
        colors.red(`✗ ${cause.name} did not become ready within ${cause.timeoutS}s`),
        `  last answer from ${cause.name}: ${cause.lastAnswer}`,
        ...describeTail(cause.tail, colors),
      ];
    case 'build-failed':
      return [colors.red(`✗ ${cause.label} ${describeExit(cause.exit)}; not starting any service`)];
    case 'error':
      return [colors.red(`✗ launcher failed: ${cause.message}`)];
  }
}

/** "exited with code 3", "was killed by SIGKILL" or "could not be started: …". */
export function describeExit(exit: ExitInfo): string {
  if (exit.error !== undefined) {
    return `could not be started: ${exit.error}`;
  }
  if (exit.signal !== null) {
    return `was killed by ${exit.signal}`;
  }
  return `exited with code ${exit.code ?? 'unknown'}`;
}

function describeTail(tail: OutputTail, colors: Colors): string[] {
  if (tail.lines.length === 0) {
    return [colors.dim('  (it wrote nothing)')];
  }
  const lines = tail.lines.map((line) => `    ${renderLogLine(line, colors).replaceAll('\n', '\n    ')}`);
  return [`  last ${tail.stream} lines:`, ...lines];
}

/** The tail worth showing: stderr when it has anything, else stdout (pino logs go there). */
export function pickTail(stderr: readonly string[], stdout: readonly string[], count = 12): OutputTail {
  if (stderr.length > 0) {
    return { stream: 'stderr', lines: stderr.slice(-count) };
  }
  return { stream: 'stdout', lines: stdout.slice(-count) };
}
