/**
 * Import progress of `netra analyze` on stderr: a live bar (bytes read of the file size, rows, rate)
 * redrawn in place when stderr is a terminal; otherwise a plain line now and then, so logs and CI
 * output stay readable and small files print nothing at all.
 * @module
 */
import type { ImportTotals } from '@netra/shared/contracts';

/** Receives running totals while a file imports. */
export interface ImportProgress {
  update(totals: ImportTotals): void;
  /** Clears the bar (terminal) so the next output starts on a clean line. */
  finish(): void;
}

/** Where progress goes: stderr, or a stand-in in tests. */
export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const REDRAW_MS = 100;
const PLAIN_LINE_MS = 5_000;
const BAR_CELLS = 24;

/** `12.3 MB`: sizes in decimal megabytes, the unit file managers show. */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000_000) {
    return `${(bytes / 1_000).toFixed(0)} kB`;
  }
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** One progress line: percentage of the file when its size is known, rows, and rows per second. */
export function progressLine(totals: ImportTotals, fileBytes: number, elapsedMs: number): string {
  const fraction = fileBytes > 0 ? Math.min(1, totals.bytes / fileBytes) : 0;
  const rate = elapsedMs > 0 ? Math.round((totals.rows * 1000) / elapsedMs) : 0;
  const rows = totals.rows.toLocaleString('en-US');
  return (
    `${(fraction * 100).toFixed(0).padStart(3)}% ${formatBytes(totals.bytes)} / ${formatBytes(fileBytes)} · ` +
    `${rows} rows · ${rate.toLocaleString('en-US')} rows/s`
  );
}

function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, fraction) * BAR_CELLS);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_CELLS - filled)}]`;
}

/** Progress for a file of `fileBytes`, drawn on `output` as a bar (terminal) or occasional lines. */
export function createImportProgress(
  output: ProgressOutput,
  fileBytes: number,
  now: () => number = () => performance.now(),
): ImportProgress {
  const started = now();
  let lastDrawn = started;
  let drawn = false;
  const terminal = output.isTTY === true;
  return {
    update(totals) {
      const time = now();
      if (time - lastDrawn < (terminal ? REDRAW_MS : PLAIN_LINE_MS)) {
        return;
      }
      lastDrawn = time;
      const line = progressLine(totals, fileBytes, time - started);
      if (!terminal) {
        output.write(`importing: ${line}\n`);
        return;
      }
      const text = `${bar(fileBytes > 0 ? totals.bytes / fileBytes : 0)} ${line}`;
      output.write(`\r${text.slice(0, (output.columns ?? 100) - 1)}\u001b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) {
        output.write('\r\u001b[K');
      }
    },
  };
}
