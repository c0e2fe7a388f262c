/**
 * Readers for source values that arrive as JSON numbers or as CSV text: counts, numbers, flags,
 * timestamps, embedded JSON, metadata entries and deterministic event ids. A value that cannot be
 * read throws `ConversionError` naming the source field, which the reader reports against the row.
 * @module
 */
import { createHash } from 'node:crypto';

/** One source field could not be converted; the reader turns it into a row error. */
export class ConversionError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'ConversionError';
  }
}

/** `table[key]` when the table itself defines it: a key such as `constructor` must not find Object's. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Nested source values are written out as JSON text at most this deep; deeper ones refuse the row. */
export const MAX_JSON_DEPTH = 64;

/** Whether the value nests objects and arrays deeper than `MAX_JSON_DEPTH` (checked without recursion). */
function nestsTooDeep(value: unknown): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) {
      continue;
    }
    if (depth >= MAX_JSON_DEPTH) {
      return true;
    }
    for (const child of Object.values(item)) {
      pending.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * A nested source value as JSON text. JSON.stringify recurses, so a hostile nesting (10,000 levels
 * of arrays fit in one short line) would exhaust the stack: such a value refuses its row instead.
 */
export function jsonText(value: unknown, field: string): string {
  if (nestsTooDeep(value)) {
    throw new ConversionError(field, `nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return stringify(value);
}

/** JSON text of a parsed value (JSON.stringify would answer undefined for undefined, whatever its type says). */
function stringify(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** A list item or metadata value as text: strings as they are, anything else as JSON. */
export function textOf(value: unknown, field: string): string {
  return typeof value === 'string' ? value : jsonText(value, field);
}

/** A source row: a parsed JSON object, or a CSV row keyed by header. */
export type Row = Record<string, unknown>;

/** The value as a row object, or a `ConversionError` for `field` when it is not one. */
export function asRow(value: unknown, field = 'row'): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConversionError(field, 'must be a JSON object');
  }
  return value as Row;
}

/** A nested object that may be absent (undefined or null reads as empty). */
export function optionalRow(value: unknown, field: string): Row {
  return value === undefined || value === null ? {} : asRow(value, field);
}

/** The first of `keys` holding a present value (not undefined, null or blank text). */
export function pick(row: Row, ...keys: string[]): { key: string; value: unknown } | undefined {
  for (const key of keys) {
    const value = row[key];
    if (value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')) {
      return { key, value };
    }
  }
  return undefined;
}

const WHOLE = /^\s*\d+(?:\.0*)?\s*$/;

/** A token count (whole number ≥ 0) from the first present key, or undefined when none is present. */
export function readCount(row: Row, ...keys: string[]): number | undefined {
  const found = pick(row, ...keys);
  if (found === undefined) {
    return undefined;
  }
  const { key, value } = found;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return value;
  }
  if (typeof value === 'string' && WHOLE.test(value)) {
    return Math.trunc(Number(value));
  }
  throw new ConversionError(key, `must be a whole number of 0 or more, got ${describe(value)}`);
}

/** A finite number from the first present key, or undefined. */
export function readNumber(row: Row, ...keys: string[]): number | undefined {
  const found = pick(row, ...keys);
  if (found === undefined) {
    return undefined;
  }
  const number = typeof found.value === 'string' ? Number(found.value.trim()) : found.value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new ConversionError(found.key, `must be a number, got ${describe(found.value)}`);
  }
  return number;
}

/** Trimmed text from the first present key (numbers are written out), or undefined. */
export function readText(row: Row, ...keys: string[]): string | undefined {
  const found = pick(row, ...keys);
  if (found === undefined) {
    return undefined;
  }
  if (typeof found.value === 'string') {
    return found.value.trim();
  }
  if (typeof found.value === 'number' || typeof found.value === 'boolean') {
    return String(found.value);
  }
  throw new ConversionError(found.key, `must be text, got ${describe(found.value)}`);
}

const TRUE = new Set(['true', '1', 'yes', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'f', 'n']);

/** A flag from a JSON boolean or CSV text (`true/false`, `1/0`, `yes/no`), or undefined. */
export function readFlag(row: Row, ...keys: string[]): boolean | undefined {
  const found = pick(row, ...keys);
  if (found === undefined || typeof found.value === 'boolean') {
    return found?.value as boolean | undefined;
  }
  // Only text and numbers are spelled out: String() of a nested array would walk all of it.
  const scalar = typeof found.value === 'string' || typeof found.value === 'number';
  const text = scalar ? String(found.value).trim().toLowerCase() : '';
  if (TRUE.has(text) || FALSE.has(text)) {
    return TRUE.has(text);
  }
  throw new ConversionError(found.key, `must be true or false, got ${describe(found.value)}`);
}

/** Embedded JSON: CSV exports write objects and arrays as JSON text; JSON exports inline them. */
export function readJson(row: Row, key: string): unknown {
  const found = pick(row, key);
  if (found === undefined || typeof found.value !== 'string') {
    return found?.value;
  }
  try {
    return JSON.parse(found.value) as unknown;
  } catch {
    throw new ConversionError(key, 'must be valid JSON');
  }
}

/**
 * A reading whose failure costs only that value: request parameters such as `max_tokens` are
 * written with sentinels (`-1` for "unset") or as free text by some integrations, and a bad one
 * must not lose the request's usage.
 */
export function unlessUnreadable<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConversionError) {
      return undefined;
    }
    throw error;
  }
}

/** Short description of a bad value for error messages (never the whole value). */
export function describe(value: unknown): string {
  const text =
    typeof value === 'string'
      ? `"${value.slice(0, 41)}"`
      : nestsTooDeep(value)
        ? 'a deeply nested value'
        : stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const METADATA_KEY_MAX = 128;
const METADATA_VALUE_MAX = 2048;
/** Assigning this key to an object would replace its prototype instead of adding an entry. */
const PROTOTYPE_KEY = '__proto__';

/**
 * Adds a metadata entry (§4.1: string → string), skipping empty values and clipping to the schema's
 * limits; nested values are written as JSON text. A `__proto__` key refuses the row, as the JSON
 * parser of the REST and OTLP routes refuses it.
 */
export function putMetadata(metadata: Record<string, string>, key: string, value: unknown): void {
  if (value === undefined || value === null || value === '') {
    return;
  }
  const name = key.slice(0, METADATA_KEY_MAX);
  if (name === PROTOTYPE_KEY) {
    throw new ConversionError(`metadata.${name}`, 'is not allowed as a metadata key');
  }
  const field = `metadata.${name}`;
  const text = Array.isArray(value)
    ? value.map((item) => textOf(item, field)).join(',')
    : textOf(value, field);
  metadata[name] = text.slice(0, METADATA_VALUE_MAX);
}

const EVENT_ID_MAX = 128;

/** `<prefix>:<id>` for sources with their own request ids; hashed when it would exceed 128 characters. */
export function sourceEventId(prefix: string, id: string): string {
  const plain = `${prefix}:${id}`;
  return plain.length <= EVENT_ID_MAX ? plain : hashedEventId(prefix, [id]);
}

/** A deterministic id from the fields that identify an aggregated row, so re-imports stay idempotent. */
export function hashedEventId(prefix: string, parts: readonly unknown[]): string {
  const digest = createHash('sha256').update(jsonText(parts, 'row')).digest('hex');
  return `${prefix}:${digest.slice(0, 40)}`;
}
