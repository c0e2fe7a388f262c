import type { Output } from './output.js';

/** A running progress display; `finish` removes it and returns the seconds it ran. */
export interface Progress {
  finish(): number;
}

const REDRAW_MS = 100;
/** Without a terminal the status cannot be redrawn, so a line is printed now and then instead. */
const PLAIN_REPEAT_MS = 15_000;

/**
 * Shows `label` (e.g. "◌ backend starting…") with the time elapsed: redrawn in place on a
 * terminal, repeated as a plain line now and then otherwise.
 */
export function startProgress(output: Output, label: string): Progress {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const describe = () => {
    const seconds = elapsed();
    return seconds < 0.1 ? label : `${label} ${formatSeconds(seconds)}`;
  };
  const draw = output.interactive
    ? () => {
        output.status(describe());
      }
    : () => {
        output.line(describe());
      };
  draw();
  const timer = setInterval(draw, output.interactive ? REDRAW_MS : PLAIN_REPEAT_MS);
  timer.unref();
  return {
    finish: () => {
      clearInterval(timer);
      output.status(undefined);
      return elapsed();
    },
  };
}

/** Seconds with one decimal, e.g. "3.4s". */
export function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(1)}s`;
}
