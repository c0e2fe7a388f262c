/**
 * Timestamp reading for source files. Everything becomes ISO-8601 UTC text, because JavaScript reads
 * zone-less text such as `2023-11-16 18:17:03` in the machine's local zone, which would make an
 * import depend on where it runs. Zone-less text is read as UTC: exports from OpenAI, Anthropic,
 * LiteLLM and the Azure trace all write UTC without saying so.
 * @module
 */
import { ConversionError, describe } from './value-readers.js';

/** `YYYY-MM-DD`, optionally with a time (`T` or space), any number of fraction digits, and a zone. */
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;
const NUMERIC = /^\s*-?\d+(?:\.\d+)?\s*$/;
/** `epochUnit: 'auto'` reads numbers below this as seconds. */
const SECONDS_BELOW = 1e11;

/** How `toIsoTimestamp` reads bare numbers. */
export interface TimestampOptions {
  /**
   * How a bare number counts from the Unix epoch (default milliseconds). `auto` reads it by size:
   * below 10^11 it is seconds (10^11 s is the year 5138, 10^11 ms is March 1973), so Python's
   * `time.time()` floats and JavaScript's `Date.now()` both land on the right day.
   */
  epochUnit?: 's' | 'ms' | 'auto';
  /** When given, a bare number is milliseconds after this instant instead of an epoch value. */
  base?: Date;
}

/** Reads a timestamp into ISO-8601 UTC text, or throws `ConversionError` for `field`. */
export function toIsoTimestamp(value: unknown, field: string, options: TimestampOptions = {}): string {
  if (typeof value === 'number' || (typeof value === 'string' && NUMERIC.test(value))) {
    return fromNumber(Number(value), field, options);
  }
  if (typeof value !== 'string') {
    throw new ConversionError(field, `must be a timestamp, got ${describe(value)}`);
  }
  const match = DATE_TIME.exec(value.trim());
  if (match === null) {
    throw new ConversionError(
      field,
      `must be ISO-8601 (or YYYY-MM-DD HH:MM:SS, read as UTC), got ${describe(value)}`,
    );
  }
  const [, date, hoursMinutes = '00:00', seconds = '00', fraction = '', zone = 'Z'] = match;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const offset = zone.toUpperCase() === 'UTC' ? 'Z' : normalizeOffset(zone);
  return checked(new Date(`${date}T${hoursMinutes}:${seconds}.${millis}${offset}`), field, value);
}

function fromNumber(number: number, field: string, options: TimestampOptions): string {
  if (options.base !== undefined) {
    return checked(new Date(options.base.getTime() + number), field, number);
  }
  const seconds =
    options.epochUnit === 's' || (options.epochUnit === 'auto' && Math.abs(number) < SECONDS_BELOW);
  const millis = seconds ? number * 1000 : number;
  return checked(new Date(millis), field, number);
}

/** `+0200` and `+02` become `+02:00`, which every ISO parser accepts. */
function normalizeOffset(zone: string): string {
  if (zone.toUpperCase() === 'Z') {
    return 'Z';
  }
  const digits = zone.slice(1).replace(':', '').padEnd(4, '0');
  return `${zone[0] ?? '+'}${digits.slice(0, 2)}:${digits.slice(2, 4)}`;
}

function checked(date: Date, field: string, original: unknown): string {
  if (Number.isNaN(date.getTime())) {
    throw new ConversionError(field, `is not a valid time: ${describe(original)}`);
  }
  return date.toISOString();
}

/** Milliseconds from `start` to `end` (ISO text), or undefined when either is missing or time runs backwards. */
export function millisBetween(start: string | undefined, end: string | undefined): number | undefined {
  if (start === undefined || end === undefined) {
    return undefined;
  }
  const difference = Date.parse(end) - Date.parse(start);
  return Number.isFinite(difference) && difference >= 0 ? difference : undefined;
}
