/**
 * Shared reading for the token-convention adapters: counts must be whole numbers of 0 or more, and
 * the canonical usage they produce must be consistent. Every failure names the source convention and
 * the field, so a caller can tell which producer sent a bad shape.
 * @module
 */
import { AppError } from '@netra/shared';
import { usageProblem } from '#pricing/cost-engine.js';
import type { TokenUsage } from '#pricing/pricing-contract.js';

/** Thrown when a provider usage object is malformed or inconsistent (400 `invalid_usage_shape`). */
export class UsageShapeError extends AppError {
  constructor(source: string, message: string, field?: string) {
    super(400, 'invalid_usage_shape', `${source} usage: ${message}`, {
      details: field === undefined ? { source } : { source, field },
    });
    this.name = 'UsageShapeError';
  }
}

/** A plain object, or a UsageShapeError naming what was given instead. */
export function asRecord(source: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new UsageShapeError(source, `expected an object, got ${got}`);
  }
  return value as Record<string, unknown>;
}

/**
 * The value at `path`: a key of the record itself (OpenTelemetry attribute names contain dots),
 * else a dotted path through nested objects; undefined when any step is missing.
 */
function valueAt(record: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(record, path)) {
    return record[path];
  }
  let current: unknown = record;
  for (const step of path.split('.')) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** Reads a token count; `undefined`/`null` when allowed become 0. Integer strings are accepted. */
export function readCount(
  source: string,
  record: Record<string, unknown>,
  path: string,
  required = false,
): number {
  const raw = valueAt(record, path);
  if (raw === undefined || raw === null) {
    if (required) {
      throw new UsageShapeError(source, `${path} is required`, path);
    }
    return 0;
  }
  // OTLP/JSON carries 64-bit integers as decimal strings.
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new UsageShapeError(
      source,
      `${path} must be a whole number of 0 or more (got ${JSON.stringify(raw)})`,
      path,
    );
  }
  return value;
}

/** The first present key's count among `paths` (older and newer spellings of one attribute). */
export function readFirst(source: string, record: Record<string, unknown>, paths: readonly string[]): number {
  const present = paths.find((path) => valueAt(record, path) !== undefined && valueAt(record, path) !== null);
  return present === undefined ? 0 : readCount(source, record, present);
}

/** Checks a converted usage against the canonical rules; the message explains the source's rule. */
export function checkedUsage(source: string, usage: TokenUsage, hint: string): TokenUsage {
  const problem = usageProblem(usage);
  if (problem !== undefined) {
    throw new UsageShapeError(source, `${problem}; ${hint}`);
  }
  return usage;
}
