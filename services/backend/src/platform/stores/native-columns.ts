/**
 * A decoder for ClickHouse's `Native` output format, for the few column types the large reads use.
 * Native is ClickHouse's own columnar block format: numbers arrive as little-endian arrays, so a
 * page of fifty thousand rows decodes in a few milliseconds, where the JSON formats cost more to
 * produce than the query itself and as much again to parse (measured on a million requests: Native
 * 0.2 s out of chdb, JSONEachRow 2.6 s plus parsing). No npm package reads Native in Node; the
 * subset below is small and fixed: (U)Int8/16/32/64, Float32/64, Bool, String, Enum8/16, and
 * Nullable and LowCardinality of those.
 * 64-bit integers become numbers, exact below 2^53 as every count and token sum here is. Columns are
 * decoded a block at a time into preallocated arrays: at a million rows, pushing value by value into
 * growing arrays cost more than ClickHouse took to run the query.
 * @module
 */

/** One decoded value: a number, string, boolean, or null where a Nullable column has no value. */
export type NativeValue = number | string | boolean | null;
/**
 * A decoded column. A numeric column that is neither Nullable nor LowCardinality arrives as a
 * Float64Array (the bytes copied once into doubles, nothing boxed); every other column as values.
 */
export type NativeColumn = NativeValue[] | Float64Array;
export type NativeColumns = Record<string, NativeColumn>;

export class NativeFormatError extends Error {
  override readonly name = 'NativeFormatError';
}

const FIXED_WIDTH: Record<string, number> = {
  Int8: 1,
  UInt8: 1,
  Bool: 1,
  Int16: 2,
  UInt16: 2,
  Int32: 4,
  UInt32: 4,
  Float32: 4,
  Int64: 8,
  UInt64: 8,
  Float64: 8,
};

const TWO_TO_32 = 2 ** 32;

/** A cursor over one Native payload. */
class NativeReader {
  offset = 0;

  constructor(readonly buffer: Buffer) {}

  get done(): boolean {
    return this.offset >= this.buffer.length;
  }

  varUInt(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        return value;
      }
      shift += 7;
    }
  }

  byte(): number {
    this.need(1);
    return this.buffer[this.offset++] as number;
  }

  skipString(): void {
    const length = this.varUInt();
    this.need(length);
    this.offset += length;
  }

  string(): string {
    const length = this.varUInt();
    this.need(length);
    const text = this.buffer.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return text;
  }

  need(bytes: number): void {
    if (this.offset + bytes > this.buffer.length) {
      throw new NativeFormatError('the Native payload ends inside a block');
    }
  }
}

/** Reads one fixed-width unsigned value at `at` (dictionary keys and 64-bit headers). */
function fixedValue(buffer: Buffer, width: number, at: number): number {
  switch (width) {
    case 1:
      return buffer[at] as number;
    case 2:
      return buffer.readUInt16LE(at);
    case 4:
      return buffer.readUInt32LE(at);
    default:
      return buffer.readUInt32LE(at + 4) * TWO_TO_32 + buffer.readUInt32LE(at);
  }
}

type TypedView =
  Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

const VIEWS: Record<string, (bytes: ArrayBuffer) => TypedView> = {
  Int8: (bytes) => new Int8Array(bytes),
  UInt8: (bytes) => new Uint8Array(bytes),
  Bool: (bytes) => new Uint8Array(bytes),
  Int16: (bytes) => new Int16Array(bytes),
  UInt16: (bytes) => new Uint16Array(bytes),
  Int32: (bytes) => new Int32Array(bytes),
  UInt32: (bytes) => new Uint32Array(bytes),
  Float32: (bytes) => new Float32Array(bytes),
  Float64: (bytes) => new Float64Array(bytes),
};

/** The column's bytes copied out, so that typed views are aligned whatever the offset in the payload. */
function columnBytes(reader: NativeReader, length: number): ArrayBuffer {
  reader.need(length);
  const copy = new Uint8Array(length);
  copy.set(reader.buffer.subarray(reader.offset, reader.offset + length));
  reader.offset += length;
  return copy.buffer;
}

/** 64-bit integers from their two 32-bit halves (little-endian): exact below 2^53. */
function readInt64(reader: NativeReader, signed: boolean, rows: number): Float64Array {
  const words = new Uint32Array(columnBytes(reader, 8 * rows));
  const high = signed ? new Int32Array(words.buffer) : words;
  const numbers = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    numbers[row] = (high[2 * row + 1] as number) * TWO_TO_32 + (words[2 * row] as number);
  }
  return numbers;
}

/** A fixed-width column: Bool as booleans, numbers as doubles; undefined for another type. */
function readFixed(reader: NativeReader, type: string, rows: number): NativeColumn | undefined {
  if (type === 'Int64' || type === 'UInt64') {
    return readInt64(reader, type === 'Int64', rows);
  }
  const width = FIXED_WIDTH[type];
  if (width === undefined) {
    return undefined;
  }
  const view = (VIEWS[type] as (bytes: ArrayBuffer) => TypedView)(columnBytes(reader, width * rows));
  if (type === 'Bool') {
    const booleans = new Array<NativeValue>(rows);
    for (let row = 0; row < rows; row++) {
      booleans[row] = view[row] !== 0;
    }
    return booleans;
  }
  return view instanceof Float64Array ? view : new Float64Array(view);
}

/** Enum8('a' = 1, 'b' = 2): the names by value (names here never contain quotes). */
function enumNames(type: string): Map<number, string> | undefined {
  const body = /^Enum(?:8|16)\((.*)\)$/.exec(type)?.[1];
  if (body === undefined) {
    return undefined;
  }
  return new Map(
    [...body.matchAll(/'([^']*)' = (-?\d+)/g)].map((match) => [Number(match[2]), match[1] ?? '']),
  );
}

function readEnum(reader: NativeReader, type: string, rows: number): NativeValue[] | undefined {
  const names = enumNames(type);
  if (names === undefined) {
    return undefined;
  }
  const width = type.startsWith('Enum8') ? 1 : 2;
  reader.need(width * rows);
  const values = new Array<NativeValue>(rows);
  for (let row = 0; row < rows; row++) {
    const at = reader.offset + row * width;
    values[row] = names.get(width === 1 ? reader.buffer.readInt8(at) : reader.buffer.readInt16LE(at)) ?? null;
  }
  reader.offset += width * rows;
  return values;
}

function readValues(reader: NativeReader, type: string, rows: number): NativeColumn {
  const column = readEnum(reader, type, rows) ?? readFixed(reader, type, rows);
  if (column !== undefined) {
    return column;
  }
  if (type !== 'String') {
    throw new NativeFormatError(`the Native decoder does not read columns of type ${type}`);
  }
  const strings = new Array<NativeValue>(rows);
  for (let row = 0; row < rows; row++) {
    strings[row] = reader.string();
  }
  return strings;
}

const KEY_WIDTHS = [1, 2, 4, 8] as const;
/** LowCardinality serialization flags: a dictionary shared across blocks is not read here. */
const NEEDS_GLOBAL_DICTIONARY = 1 << 8;

function uint64(reader: NativeReader): number {
  reader.need(8);
  const value = fixedValue(reader.buffer, 8, reader.offset);
  reader.offset += 8;
  return value;
}

/**
 * LowCardinality(T): a version, index flags, the block's dictionary of distinct values (T without
 * Nullable; for a Nullable T, index 0 stands for null) and one index per row. Each distinct string
 * is decoded once, which makes these columns the cheapest of all to read.
 */
function readLowCardinality(reader: NativeReader, type: string, rows: number): NativeValue[] {
  uint64(reader); // serialization version
  if (rows === 0) {
    return [];
  }
  const flags = uint64(reader);
  if ((flags & NEEDS_GLOBAL_DICTIONARY) !== 0) {
    throw new NativeFormatError('the Native decoder does not read shared LowCardinality dictionaries');
  }
  const inner = /^Nullable\((.+)\)$/.exec(type);
  const dictionary = Array.from(
    readValues(reader, inner === null ? type : (inner[1] as string), uint64(reader)),
  );
  if (inner !== null) {
    dictionary[0] = null;
  }
  const width = KEY_WIDTHS[flags & 0xff] ?? 8;
  const count = uint64(reader);
  reader.need(width * count);
  const values = new Array<NativeValue>(count);
  for (let row = 0; row < count; row++) {
    values[row] = dictionary[fixedValue(reader.buffer, width, reader.offset + row * width)] ?? null;
  }
  reader.offset += width * count;
  return values;
}

function readColumn(reader: NativeReader, type: string, rows: number): NativeColumn {
  const lowCardinality = /^LowCardinality\((.+)\)$/.exec(type);
  if (lowCardinality !== null) {
    return readLowCardinality(reader, lowCardinality[1] as string, rows);
  }
  const nullable = /^Nullable\((.+)\)$/.exec(type);
  if (nullable === null) {
    return readValues(reader, type, rows);
  }
  reader.need(rows);
  const nulls = reader.buffer.subarray(reader.offset, reader.offset + rows);
  reader.offset += rows;
  const present = readValues(reader, nullable[1] as string, rows);
  const values = new Array<NativeValue>(rows);
  for (let row = 0; row < rows; row++) {
    values[row] = nulls[row] === 0 ? (present[row] as NativeValue) : null;
  }
  return values;
}

/**
 * Only the last value of a block's column, as a one-value column (none for an empty block): a
 * String column's other values are stepped over without being decoded.
 */
function readLast(reader: NativeReader, type: string, rows: number): NativeColumn {
  if (type !== 'String') {
    return Array.from(readColumn(reader, type, rows)).slice(-1);
  }
  for (let row = 1; row < rows; row++) {
    reader.skipString();
  }
  return rows === 0 ? [] : [reader.string()];
}

/** One column's blocks as one column (a single block as it is; a last-only column's last value). */
function joinBlocks(blocks: readonly NativeColumn[], lastOnly: boolean): NativeColumn {
  if (blocks.length === 1) {
    return blocks[0] as NativeColumn;
  }
  if (lastOnly) {
    return blocks.findLast((block) => block.length > 0) ?? [];
  }
  const rows = blocks.reduce((sum, block) => sum + block.length, 0);
  const joined = blocks.every((block) => block instanceof Float64Array)
    ? new Float64Array(rows)
    : new Array<NativeValue>(rows);
  let at = 0;
  for (const block of blocks) {
    if (joined instanceof Float64Array) {
      joined.set(block as Float64Array, at);
      at += block.length;
      continue;
    }
    for (let row = 0; row < block.length; row++) {
      joined[at++] = block[row] as NativeValue;
    }
  }
  return joined;
}

/**
 * Decodes a whole Native payload block by block: each block's columns by name, as ClickHouse sent
 * them. Of the columns named in `lastOnly` only each block's last value is kept (a keyset page
 * needs only its last key).
 */
export function decodeNativeBlocks(
  payload: Buffer,
  lastOnly: ReadonlySet<string> = new Set(),
): NativeColumns[] {
  const reader = new NativeReader(payload);
  const blocks: NativeColumns[] = [];
  while (!reader.done) {
    const count = reader.varUInt();
    const rows = reader.varUInt();
    const block: NativeColumns = {};
    for (let index = 0; index < count; index++) {
      const name = reader.string();
      const type = reader.string();
      block[name] = lastOnly.has(name) ? readLast(reader, type, rows) : readColumn(reader, type, rows);
    }
    blocks.push(block);
  }
  return blocks;
}

/**
 * Decodes a whole Native payload: every block's columns joined, by column name. Of the columns
 * named in `lastOnly` only the last value is kept (a keyset page needs only its last key).
 */
export function decodeNativeColumns(
  payload: Buffer,
  lastOnly: ReadonlySet<string> = new Set(),
): NativeColumns {
  const byName = new Map<string, NativeColumn[]>();
  for (const block of decodeNativeBlocks(payload, lastOnly)) {
    for (const [name, column] of Object.entries(block)) {
      const list = byName.get(name);
      if (list === undefined) {
        byName.set(name, [column]);
      } else {
        list.push(column);
      }
    }
  }
  return Object.fromEntries([...byName].map(([name, list]) => [name, joinBlocks(list, lastOnly.has(name))]));
}
