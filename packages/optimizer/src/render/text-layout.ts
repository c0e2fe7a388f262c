/**
 * Terminal layout helpers for the text rendering: optional ANSI styling, word wrapping to a width,
 * and aligned columns. Width is measured in UTF-16 units, which is exact for the report's own text.
 * @module
 */

/** Styling of terminal text; every function is the identity when color is off. */
export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
  good(text: string): string;
  warn(text: string): string;
}

const plain = (text: string) => text;

function ansi(code: number): (text: string) => string {
  return (text) => `\u001b[${code}m${text}\u001b[0m`;
}

/** ANSI styles when `color`, plain text otherwise. */
export function textStyle(color: boolean): TextStyle {
  if (!color) {
    return { bold: plain, dim: plain, good: plain, warn: plain };
  }
  return { bold: ansi(1), dim: ansi(2), good: ansi(32), warn: ansi(33) };
}

/** Wraps `text` to `width` columns; continuation lines get `indent` (the first line is the caller's). */
export function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const room = width - (lines.length === 0 ? 0 : indent.length);
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      continue;
    }
    line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${indent}`);
}

/** Keeps `text` within `width` columns, marking a cut with an ellipsis. */
export function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Aligned columns: the first left-aligned and shortened so the row fits `width`, the others
 * right-aligned (they hold numbers). Rows include the header row.
 */
export function columns(rows: readonly string[][], width: number, indent: string): string[] {
  const count = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: count }, (_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = widths.slice(1).reduce((sum, size) => sum + size + 2, 0);
  const first = Math.max(12, Math.min(widths[0] ?? 0, width - indent.length - numeric));
  return rows.map((row) => {
    const cells = row.map((cell, column) =>
      column === 0 ? fit(cell, first).padEnd(first) : cell.padStart(widths[column] ?? 0),
    );
    return `${indent}${cells.join('  ')}`.trimEnd();
  });
}
