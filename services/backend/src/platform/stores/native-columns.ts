/**
 * A decoder for ClickHouse's `Native` output format, for the few column types the large reads use.
 * Native is ClickHouse's own columnar block format: numbers arrive as little-endian arrays, so a
 * page of fifty thousand rows decodes in a few milliseconds, where the JSON formats cost more to
 * produce than the query itself and as much again to parse (measured on a million requests: Native
 * 0.2 s out of chdb, JSONEachRow 2.6 s plus parsing). No npm package reads Native in Node; the
 * subset below is small and fixed: (U)Int8/16/32/64, Float32/64, Bool, String, Enum8/16, and
 * Nullable and LowCardinality of those.
 * 64-bit integers become numbers, exact below 2^53 as every count and token sum here is.
 * @module
 */

/** One decoded column: numbers, strings, booleans, or null where a Nullable column has no value. */
export type NativeValue = number | string | boolean | null;
export type NativeColumns = Record<string, NativeValue[]>;

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

/** Reads one fixed-width value at `at` (dictionary keys and single 64-bit headers). */
function fixedValue(buffer: Buffer, type: string, at: number): number {
  switch (type) {
    case 'UInt8':
      return buffer[at] as number;
    case 'UInt16':
      return buffer.readUInt16LE(at);
    case 'UInt32':
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
function readInt64(reader: NativeReader, signed: boolean, rows: number, into: NativeValue[]): void {
  const words = new Uint32Array(columnBytes(reader, 8 * rows));
  const high = signed ? new Int32Array(words.buffer) : words;
  for (let row = 0; row < rows; row++) {
    into.push((high[2 * row + 1] as number) * TWO_TO_32 + (words[2 * row] as number));
  }
}

function readFixed(reader: NativeReader, type: string, rows: number, into: NativeValue[]): boolean {
  if (type === 'Int64' || type === 'UInt64') {
    readInt64(reader, type === 'Int64', rows, into);
    return true;
  }
  const width = FIXED_WIDTH[type];
  if (width === undefined) {
    return false;
  }
  const bytes = columnBytes(reader, width * rows);
  if (type === 'Bool') {
    for (const byte of new Uint8Array(bytes)) {
      into.push(byte !== 0);
    }
    return true;
  }
  for (const value of (VIEWS[type] as (bytes: ArrayBuffer) => TypedView)(bytes)) {
    into.push(value);
  }
  return true;
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

function readEnum(reader: NativeReader, type: string, rows: number, into: NativeValue[]): boolean {
  const names = enumNames(type);
  if (names === undefined) {
    return false;
  }
  const width = type.startsWith('Enum8') ? 1 : 2;
  reader.need(width * rows);
  for (let row = 0; row < rows; row++) {
    const at = reader.offset + row * width;
    into.push(names.get(width === 1 ? reader.buffer.readInt8(at) : reader.buffer.readInt16LE(at)) ?? null);
  }
  reader.offset += width * rows;
  return true;
}

function readValues(reader: NativeReader, type: string, rows: number, into: NativeValue[]): void {
  if (readEnum(reader, type, rows, into) || readFixed(reader, type, rows, into)) {
    return;
  }
  if (type !== 'String') {
    throw new NativeFormatError(`the Native decoder does not read columns of type ${type}`);
  }
  for (let row = 0; row < rows; row++) {
    into.push(reader.string());
  }
}

const KEY_WIDTHS = [1, 2, 4, 8] as const;
/** LowCardinality serialization flags: a dictionary shared across blocks is not read here. */
const NEEDS_GLOBAL_DICTIONARY = 1 << 8;

function uint64(reader: NativeReader): number {
  reader.need(8);
  const value = fixedValue(reader.buffer, 'UInt64', reader.offset);
  reader.offset += 8;
  return value;
}

/**
 * LowCardinality(T): a version, index flags, the block's dictionary of distinct values (T without
 * Nullable; for a Nullable T, index 0 stands for null) and one index per row. Each distinct string
 * is decoded once, which makes these columns the cheapest of all to read.
 */
function readLowCardinality(reader: NativeReader, type: string, rows: number, into: NativeValue[]): void {
  uint64(reader); // serialization version
  if (rows === 0) {
    return;
  }
  const flags = uint64(reader);
  if ((flags & NEEDS_GLOBAL_DICTIONARY) !== 0) {
    throw new NativeFormatError('the Native decoder does not read shared LowCardinality dictionaries');
  }
  const inner = /^Nullable\((.+)\)$/.exec(type);
  const dictionary: NativeValue[] = [];
  readValues(reader, inner === null ? type : (inner[1] as string), uint64(reader), dictionary);
  if (inner !== null) {
    dictionary[0] = null;
  }
  const width = KEY_WIDTHS[flags & 0xff] ?? 8;
  const keyType = width === 8 ? 'UInt64' : `UInt${width * 8}`;
  const count = uint64(reader);
  reader.need(width * count);
  for (let row = 0; row < count; row++) {
    into.push(dictionary[fixedValue(reader.buffer, keyType, reader.offset + row * width)] ?? null);
  }
  reader.offset += width * count;
}

function readColumn(reader: NativeReader, type: string, rows: number, into: NativeValue[]): void {
  const lowCardinality = /^LowCardinality\((.+)\)$/.exec(type);
  if (lowCardinality !== null) {
    readLowCardinality(reader, lowCardinality[1] as string, rows, into);
    return;
  }
  const nullable = /^Nullable\((.+)\)$/.exec(type);
  if (nullable === null) {
    readValues(reader, type, rows, into);
    return;
  }
  reader.need(rows);
  const nulls = reader.buffer.subarray(reader.offset, reader.offset + rows);
  reader.offset += rows;
  const start = into.length;
  readValues(reader, nullable[1] as string, rows, into);
  for (let row = 0; row < rows; row++) {
    if (nulls[row] !== 0) {
      into[start + row] = null;
    }
  }
}

/** Decodes a whole Native payload: every block's columns appended, by column name. */
export function decodeNativeColumns(payload: Buffer): NativeColumns {
  const reader = new NativeReader(payload);
  const columns: NativeColumns = {};
  while (!reader.done) {
    const count = reader.varUInt();
    const rows = reader.varUInt();
    for (let column = 0; column < count; column++) {
      const name = reader.string();
      const type = reader.string();
      columns[name] ??= [];
      readColumn(reader, type, rows, columns[name]);
    }
  }
  return columns;
}
