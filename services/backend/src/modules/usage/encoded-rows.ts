/**
 * Encoded rows waiting for an insert are held as one UTF-8 buffer per write (see
 * `encodeUsageRows`), not a string per row: a buffer lives outside the JavaScript heap, so rows
 * waiting for a flush are never copied or promoted by the garbage collector, and the insert hands
 * the buffers to ClickHouse as they are. Each row is one line ending with a newline.
 * @module
 */

const NEWLINE = 0x0a;

/** The lines of `rows` whose flag in `keep` is true, as views into it (no copy). */
export function keptRows(rows: Buffer, keep: readonly boolean[]): Buffer[] {
  const kept: Buffer[] = [];
  let start = 0;
  for (const flag of keep) {
    const end = rows.indexOf(NEWLINE, start) + 1;
    if (flag) {
      kept.push(rows.subarray(start, end));
    }
    start = end;
  }
  return kept;
}
