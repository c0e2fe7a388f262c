/**
 * Canonical JSON Lines and generic CSV: rows whose fields are canonical (§4.1) names, or are renamed
 * to them by the `map` option (`source → field`, with `metadata.<key>` for free attribution).
 * Values are coerced by field type, because CSV cells are text and traces write their own types:
 * counts from numeric text, flags from `true/1/yes`, lists from JSON arrays or `;`/`|`/`,`-separated
 * text (numbers become strings, as `prefix_hashes` needs), timestamps to ISO UTC, numeric timestamps
 * relative to `timestampBase` when one is given. Columns that are neither canonical nor mapped are ignored.
 * @module
 */
import type { CanonicalRecord, ConvertedRow, ReadUsageFileOptions, SourceRow } from './file-format.types.js';
import { finishRecord, guarded } from './converted-rows.js';
import { toIsoTimestamp } from './timestamps.js';
import {
  asRow,
  ConversionError,
  ownValue,
  putMetadata,
  readCount,
  readFlag,
  readJson,
  readNumber,
  readText,
  textOf,
  type Row,
} from './value-readers.js';

type FieldKind = 'count' | 'number' | 'flag' | 'list' | 'timestamp' | 'metadata' | 'text';

const FIELD_KINDS: Record<string, FieldKind> = {
  event_id: 'text',
  timestamp: 'timestamp',
  period_end: 'timestamp',
  request_count: 'count',
  provider: 'text',
  model: 'text',
  operation: 'text',
  input_tokens: 'count',
  output_tokens: 'count',
  cache_read_tokens: 'count',
  cache_write_tokens: 'count',
  reasoning_tokens: 'count',
  cache_write_1h_tokens: 'count',
  web_search_requests: 'count',
  latency_ms: 'number',
  ttft_ms: 'number',
  status: 'text',
  error_type: 'text',
  cost_usd: 'number',
  batch: 'flag',
  stream: 'flag',
  max_tokens: 'count',
  temperature: 'number',
  prompt_hash: 'text',
  prefix_hashes: 'list',
  prefix_block_tokens: 'count',
  prompt: 'text',
  user_id: 'text',
  session_id: 'text',
  feature: 'text',
  app: 'text',
  environment: 'text',
  tags: 'list',
  metadata: 'metadata',
};

/** The canonical field names a generic row may carry. */
export const CANONICAL_FIELDS: ReadonlySet<string> = new Set(Object.keys(FIELD_KINDS));

const METADATA_PREFIX = 'metadata.';

/** Converts one canonical-JSONL or generic-CSV row. */
export function convertGenericRow(row: SourceRow, options: ReadUsageFileOptions): ConvertedRow[] {
  return guarded(row.line, () => {
    const source = asRow(row.value);
    const record: CanonicalRecord = {};
    const metadata: Record<string, string> = {};
    for (const [key, target] of targets(source, options.map)) {
      if (target.startsWith(METADATA_PREFIX)) {
        putMetadata(metadata, target.slice(METADATA_PREFIX.length), readText(source, key));
      } else {
        record[target] = coerce(source, key, ownValue(FIELD_KINDS, target) ?? 'text', options);
      }
    }
    record.metadata = { ...(record.metadata as Record<string, string> | undefined), ...metadata };
    return [finishRecord(row.line, record, options)];
  });
}

/** Source key → canonical field: canonical names map to themselves, the `map` option wins. */
function targets(source: Row, map: Record<string, string> | undefined): Map<string, string> {
  const result = new Map<string, string>();
  for (const key of Object.keys(source)) {
    const mapped = map === undefined ? undefined : ownValue(map, key);
    if (mapped !== undefined) {
      result.set(key, mapped);
    } else if (CANONICAL_FIELDS.has(key) && !Object.values(map ?? {}).includes(key)) {
      result.set(key, key);
    }
  }
  return result;
}

function coerce(source: Row, key: string, kind: FieldKind, options: ReadUsageFileOptions): unknown {
  switch (kind) {
    case 'count':
      return readCount(source, key);
    case 'number':
      return readNumber(source, key);
    case 'flag':
      return readFlag(source, key);
    case 'list':
      return readList(source, key);
    case 'timestamp':
      return readTimestamp(source, key, options.timestampBase);
    case 'metadata':
      return readMetadata(source, key);
    case 'text':
      return readText(source, key);
  }
}

/**
 * ISO text stays ISO (zone-less read as UTC); a bare number is an offset from `base` when given,
 * else epoch milliseconds left as a number, so the schema's check against epoch seconds still applies.
 */
function readTimestamp(source: Row, key: string, base: Date | undefined): string | number | undefined {
  const value = source[key];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const numeric = typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value));
  return numeric && base === undefined ? Number(value) : toIsoTimestamp(value, key, { base });
}

function readList(source: Row, key: string): string[] | undefined {
  const value =
    typeof source[key] === 'string' && source[key].trim().startsWith('[')
      ? readJson(source, key)
      : source[key];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (Array.isArray(value)) {
    return value.map((item) => textOf(item, key));
  }
  if (typeof value === 'string') {
    return value
      .split(/[;|,]/)
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  }
  throw new ConversionError(key, 'must be a list (a JSON array, or text separated by ; | or ,)');
}

function readMetadata(source: Row, key: string): Record<string, string> | undefined {
  const value = readJson(source, key);
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConversionError(key, 'must be an object of text values');
  }
  const metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value)) {
    putMetadata(metadata, name, entry);
  }
  return metadata;
}
