/**
 * The SQL of the canonical fast load: ClickHouse reads a canonical JSON Lines file itself and
 * decides, line by line, whether the line is one the JavaScript pipeline (format reader → ajv/zod
 * validation) would accept with the same values. The test is deliberately narrower than the
 * contract: each value is looked at as ClickHouse's JSON parser writes it back (numbers and strings
 * normalized, as JSON.parse reads them) and taken only in its plainest form (a count as digits, a
 * flag as true/false, text without escapes or surrounding spaces, a timestamp as epoch milliseconds,
 * no `metadata` or `period_end`), so that everything the fast path accepts, the JavaScript path
 * accepts with the same values (canonical-load.int.test compares the stored rows). Any other line
 * sends the whole file down the JavaScript path, which reports it.
 * @module
 */
import { DEFAULT_PREFIX_BLOCK_TOKENS, EARLIEST_EVENT_TIME_MS, LATEST_EVENT_TIME_MS } from '@netra/shared';

type FieldRule =
  | { kind: 'text'; max: number }
  | { kind: 'count'; min?: number; max?: number; fallback?: number }
  | { kind: 'number'; max?: number }
  | { kind: 'flag' }
  | { kind: 'status' }
  | { kind: 'timestamp' }
  | { kind: 'list'; items: number; max: number };

const MAX_UINT32 = 4_294_967_295;
/** Counts up to 15 digits: exact as JavaScript numbers, as the contract's whole numbers need. */
const COUNT_DIGITS = 15;

/** The canonical fields (ARCHITECTURE §4.1) the fast path reads, with the contract's bounds. */
export const FAST_FIELDS: Readonly<Record<string, FieldRule>> = {
  event_id: { kind: 'text', max: 128 },
  timestamp: { kind: 'timestamp' },
  request_count: { kind: 'count', min: 1, max: MAX_UINT32, fallback: 1 },
  provider: { kind: 'text', max: 64 },
  model: { kind: 'text', max: 256 },
  operation: { kind: 'text', max: 64 },
  input_tokens: { kind: 'count' },
  output_tokens: { kind: 'count' },
  cache_read_tokens: { kind: 'count' },
  cache_write_tokens: { kind: 'count' },
  reasoning_tokens: { kind: 'count' },
  cache_write_1h_tokens: { kind: 'count' },
  web_search_requests: { kind: 'count', max: MAX_UINT32 },
  latency_ms: { kind: 'number' },
  ttft_ms: { kind: 'number' },
  status: { kind: 'status' },
  error_type: { kind: 'text', max: 128 },
  cost_usd: { kind: 'number' },
  batch: { kind: 'flag' },
  stream: { kind: 'flag' },
  max_tokens: { kind: 'count' },
  temperature: { kind: 'number', max: 10 },
  prompt_hash: { kind: 'text', max: 256 },
  prefix_hashes: { kind: 'list', items: 4096, max: 256 },
  prefix_block_tokens: { kind: 'count', min: 1, max: 1_000_000, fallback: DEFAULT_PREFIX_BLOCK_TOKENS },
  prompt: { kind: 'text', max: 1_000_000 },
  user_id: { kind: 'text', max: 256 },
  session_id: { kind: 'text', max: 256 },
  feature: { kind: 'text', max: 256 },
  app: { kind: 'text', max: 256 },
  environment: { kind: 'text', max: 64 },
  tags: { kind: 'list', items: 64, max: 128 },
};

/** Canonical fields the fast path leaves to the JavaScript path (their rules need it). */
export const SLOW_FIELDS = ['period_end', 'metadata'] as const;

/**
 * A raw JSON string without escapes: its text is the value (and a byte count bounds the UTF-16
 * length). The raw value is valid JSON (the line parsed), so a quote inside it would come escaped:
 * a string with no backslash anywhere is one without escapes (string functions, not a regular
 * expression: at a million lines the regular expressions took half of the staging).
 */
const plainString = (raw: string) => `startsWith(${raw}, '"') AND position(${raw}, '\\\\') = 0`;

/** A byte of a raw string, as a number (a negative offset counts from its end). */
const byteAt = (raw: string, offset: number) => `reinterpretAsUInt8(substring(${raw}, ${offset}, 1))`;

/**
 * The text of a plain raw string is as the reader keeps it: not empty, and no space of any kind at
 * either end (JavaScript's trim()): its first and last bytes are printable ASCII other than space.
 */
const untrimmable = (raw: string) =>
  `length(${raw}) >= 3 AND ${byteAt(raw, 2)} BETWEEN 33 AND 126 AND ${byteAt(raw, -2)} BETWEEN 33 AND 126`;
const COUNT = `'^[0-9]{1,${COUNT_DIGITS}}$'`;
/** Plain non-negative JSON numbers: a minus sign (and with it -0) goes to the JavaScript path. */
const NUMBER = `'^[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$'`;

function countCheck(rule: Extract<FieldRule, { kind: 'count' }>, raw: string): string {
  const value = `toUInt64OrZero(${raw})`;
  const bounds = [
    rule.min === undefined ? '' : ` AND ${value} >= ${rule.min}`,
    rule.max === undefined ? '' : ` AND ${value} <= ${rule.max}`,
  ].join('');
  return `match(${raw}, ${COUNT})${bounds}`;
}

function numberCheck(max: number | undefined, raw: string): string {
  const value = `toFloat64OrZero(${raw})`;
  const upper = max === undefined ? '' : ` AND ${value} <= ${max}`;
  return `match(${raw}, ${NUMBER}) AND isFinite(${value})${upper}`;
}

/**
 * A list of plain strings, tested on the raw text alone (splitting it into JSON elements took a
 * third of the staging at a million lines): no backslash, so no string holds a quote; no object and
 * no nested list, so every element is a string, a number, true, false or null; and two quotes per
 * element, so every element is a string. Its elements are then the raw text between the outer
 * `["` and `"]` split at `","`. A string holding `[` or `{` goes to the JavaScript path.
 */
function listCheck(items: number, max: number, raw: string): string {
  const count = `JSONLength(${raw})`;
  const elements = `splitByString('","', substring(${raw}, 3, length(${raw}) - 4))`;
  return (
    `startsWith(${raw}, '[') AND position(${raw}, '\\\\') = 0 AND position(${raw}, '{') = 0 AND ` +
    `countSubstrings(${raw}, '[') = 1 AND countSubstrings(${raw}, '"') = 2 * ${count} AND ${count} <= ${items} AND ` +
    `(length(${raw}) - 2 <= ${max} OR arrayMax(arrayMap(x -> length(x), ${elements})) <= ${max})`
  );
}

/** The test of one field's raw JSON value `raw`. */
function fieldCheck(rule: FieldRule, raw: string): string {
  switch (rule.kind) {
    case 'text':
      return `${plainString(raw)} AND ${untrimmable(raw)} AND length(${raw}) - 2 <= ${rule.max}`;
    case 'count':
      return countCheck(rule, raw);
    case 'number':
      return numberCheck(rule.max, raw);
    case 'flag':
      return `${raw} IN ('true', 'false')`;
    case 'status':
      return `${raw} IN ('"success"', '"error"')`;
    case 'timestamp':
      return (
        `match(${raw}, '^[0-9]{11,14}$') AND toInt64OrZero(${raw}) >= ` +
        `${Math.max(1e11, EARLIEST_EVENT_TIME_MS)} AND toInt64OrZero(${raw}) <= ${LATEST_EVENT_TIME_MS}`
      );
    case 'list':
      return listCheck(rule.items, rule.max, raw);
  }
}

const quotedList = (fields: readonly string[]) => fields.map((field) => `'${field}'`).join(', ');

/**
 * Every present canonical field passes its rule's test (other keys are ignored, as by the reader),
 * each field's raw value picked by its key: a scalar test per field costs less than filtering the
 * line's values once per rule in lambdas (at a million lines, 0.9 s of the 1.9 s staging).
 */
function pairsCheck(): string {
  const fields = Object.entries(FAST_FIELDS).map(
    ([field, rule]) => `(indexOf(keys, '${field}') = 0 OR (${fieldCheck(rule, rawOf(field))}))`,
  );
  return [...fields, `NOT hasAny(keys, [${quotedList(SLOW_FIELDS)}])`].join(' AND ');
}

/** The token rules across fields (tokenConsistencyIssue of the contract), on the typed values `t`. */
const TOKEN_RULES = [
  't.cache_write_1h_tokens <= t.cache_write_tokens',
  't.cache_read_tokens + t.cache_write_tokens <= t.input_tokens',
  't.reasoning_tokens <= t.output_tokens',
];

/**
 * True when the line (`keys`, `raws`: its keys and raw JSON values in order; `t`: its typed values)
 * is one the JavaScript path accepts as written: a JSON object, no key twice, every canonical field
 * in its plainest spelling, an event id and a model, consistent tokens, no field the fast path
 * leaves out.
 */
export function fastLineCheck(): string {
  return [
    // No JSONType(text) = 'Object' test: a line that is no JSON object has no keys, so no event_id.
    'length(keys) = length(arrayDistinct(keys))',
    "has(keys, 'event_id')",
    "has(keys, 'model')",
    pairsCheck(),
    ...TOKEN_RULES,
  ].join(' AND ');
}

type ValueType = 'String' | 'UInt64' | 'Int64' | 'Float64' | 'Bool' | 'Array(String)';

const VALUE_TYPES: Record<FieldRule['kind'], ValueType> = {
  text: 'String',
  count: 'UInt64',
  number: 'Float64',
  flag: 'Bool',
  status: 'String',
  timestamp: 'Int64',
  list: 'Array(String)',
};

/** Fields whose absence is not their type's zero: read as Nullable, absent → NULL. */
const OPTIONAL_FIELDS: ReadonlySet<string> = new Set([
  'request_count',
  'provider',
  'operation',
  'latency_ms',
  'ttft_ms',
  'cost_usd',
  'max_tokens',
  'temperature',
  'prefix_block_tokens',
]);

/**
 * The typed values of a line in one parse (`t`): exact for the plain spellings the check admits.
 * With `only`, just those fields (a parse that skips the prompt and the lists costs less).
 */
export function typedValues(only?: readonly string[]): string {
  const read = Object.entries(FAST_FIELDS).filter(([field]) => only === undefined || only.includes(field));
  const fields = read.map(([field, rule]) => {
    const type = VALUE_TYPES[rule.kind];
    return `${field} ${OPTIONAL_FIELDS.has(field) ? `Nullable(${type})` : type}`;
  });
  return `JSONExtract(text, 'Tuple(${fields.join(', ')})')`;
}

/** The staged columns of a fast line, named as the usage table names them (provider apart). */
export const STAGED_VALUES: Readonly<Record<string, string>> = {
  event_id: 't.event_id',
  ts: 't.timestamp',
  request_count: 'ifNull(t.request_count, 1)',
  has_provider: 'isNotNull(t.provider)',
  provider: "ifNull(t.provider, '')",
  model: 't.model',
  operation: "ifNull(t.operation, 'chat')",
  input_tokens: 't.input_tokens',
  output_tokens: 't.output_tokens',
  cache_read_tokens: 't.cache_read_tokens',
  cache_write_tokens: 't.cache_write_tokens',
  reasoning_tokens: 't.reasoning_tokens',
  cache_write_1h_tokens: 't.cache_write_1h_tokens',
  web_search_requests: 't.web_search_requests',
  latency_ms: 't.latency_ms',
  ttft_ms: 't.ttft_ms',
  status: "if(t.status = 'error', 'error', 'success')",
  error_type: 't.error_type',
  reported_cost_usd: 't.cost_usd',
  batch: 't.batch',
  stream: 't.stream',
  max_tokens: 't.max_tokens',
  temperature: 't.temperature',
  prompt_hash: 't.prompt_hash',
  prefix_hashes: 't.prefix_hashes',
  prefix_block_tokens: `ifNull(t.prefix_block_tokens, ${DEFAULT_PREFIX_BLOCK_TOKENS})`,
  prompt: 't.prompt',
  user_id: 't.user_id',
  session_id: 't.session_id',
  feature: 't.feature',
  app: 't.app',
  environment: 't.environment',
  tags: 't.tags',
};

/** Blank lines (a lone `\r` included) are not rows, as in the JavaScript line splitter. */
export const NOT_BLANK = "text NOT IN ('', '\\r')";

/** The fields the check's token rules and the given staged columns (STAGED_VALUES names) read. */
function fieldsRead(columns: readonly string[]): string[] {
  const expressions = [...TOKEN_RULES, ...columns.map((column) => STAGED_VALUES[column] ?? '')];
  const fields = new Set(
    expressions.flatMap((sql) => [...sql.matchAll(/\bt\.(\w+)/g)].map((match) => match[1] ?? '')),
  );
  return [...fields];
}

/** A field's raw JSON value among the line's `keys` and `raws` ('' when absent). */
const rawOf = (field: string) => `raws[indexOf(keys, '${field}')]`;

/** The typed value of a raw JSON value, exact for the plain spellings the check admits. */
const FROM_RAW: Record<ValueType, (raw: string) => string> = {
  String: (raw) => `substring(${raw}, 2, greatest(length(${raw}) - 2, 0))`,
  UInt64: (raw) => `toUInt64OrZero(${raw})`,
  Int64: (raw) => `toInt64OrZero(${raw})`,
  Float64: (raw) => `toFloat64OrZero(${raw})`,
  Bool: (raw) => `${raw} = 'true'`,
  'Array(String)': (raw) => `JSONExtract(${raw}, 'Array(String)')`,
};

/**
 * typedValues with just the fields the check's token rules and the given staged columns read,
 * taken from the line's raw values (`keys`, `raws`) instead of parsing the line once more. Where
 * the check passes, they equal typedValues (an optional field that is absent is NULL).
 */
export function typedValuesFromRaws(columns: readonly string[]): string {
  const fields = fieldsRead(columns).map((field) => {
    const rule = FAST_FIELDS[field];
    if (rule === undefined) {
      throw new Error(`no fast-path rule for ${field}`);
    }
    const type = VALUE_TYPES[rule.kind];
    const value = FROM_RAW[type](rawOf(field));
    const optional = OPTIONAL_FIELDS.has(field);
    return {
      value: optional ? `if(has(keys, '${field}'), ${value}, NULL)` : value,
      type: `${field} ${optional ? `Nullable(${type})` : type}`,
    };
  });
  return `CAST((${fields.map((field) => field.value).join(', ')}), 'Tuple(${fields.map((field) => field.type).join(', ')})')`;
}
