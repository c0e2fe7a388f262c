import { z } from 'zod';

/** Default size of one prompt-prefix block (ARCHITECTURE §4.1 `prefix_block_tokens`). */
export const DEFAULT_PREFIX_BLOCK_TOKENS = 512;

const tokenCount = z.number().int('must be a whole number').nonnegative('must be 0 or more');
/** The store keeps request and search counts as UInt32. */
const MAX_UINT32 = 4_294_967_295;
const smallCount = tokenCount.max(MAX_UINT32, `must be at most ${MAX_UINT32}`);
const millis = z.number().nonnegative('must be 0 or more');
const shortText = (max: number) => z.string().max(max, `must be at most ${max} characters`);

export const TIMESTAMP_MESSAGE = 'must be ISO-8601 text or epoch milliseconds';
export const TIMESTAMP_RANGE_MESSAGE = 'must be between 1900-01-01 and 2299-12-31 (UTC)';

/**
 * The instants an event may carry: what the usage store's DateTime64 column holds. Outside it
 * ClickHouse would store a different instant, so such a record is refused on its own.
 */
export const EARLIEST_EVENT_TIME_MS = Date.UTC(1900, 0, 1);
export const LATEST_EVENT_TIME_MS = Date.UTC(2300, 0, 1) - 1;

/**
 * Reads an event timestamp: ISO-8601 text or epoch milliseconds. Epoch values below 1e11 (1973 in
 * ms) are refused: they are almost certainly seconds sent by mistake. Undefined when invalid or
 * outside the storable range.
 */
export function toEventTime(value: string | number): Date | undefined {
  const date = readEventTime(value);
  return date === undefined || !isStorableEventTime(date) ? undefined : date;
}

function readEventTime(value: string | number): Date | undefined {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || (typeof value === 'number' && value < 1e11)) {
    return undefined;
  }
  return date;
}

/** Whether the usage store can hold this instant as it is. */
export function isStorableEventTime(date: Date): boolean {
  const ms = date.getTime();
  return ms >= EARLIEST_EVENT_TIME_MS && ms <= LATEST_EVENT_TIME_MS;
}

const timestamp = z.union([z.string().max(64), z.number()]).transform((value, context) => {
  const date = readEventTime(value);
  if (date === undefined || !isStorableEventTime(date)) {
    context.addIssue({
      code: 'custom',
      message: date === undefined ? TIMESTAMP_MESSAGE : TIMESTAMP_RANGE_MESSAGE,
    });
    return z.NEVER;
  }
  return date;
});

export const PERIOD_END_MESSAGE = 'must be later than timestamp (the bucket start)';

/** The rules spanning several token fields, as `[field, message]` for the first one broken. */
export function tokenConsistencyIssue(event: {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cache_write_1h_tokens?: number;
}): [string, string] | undefined {
  if ((event.cache_write_1h_tokens ?? 0) > event.cache_write_tokens) {
    return [
      'cache_write_1h_tokens',
      'cache_write_1h_tokens must not exceed cache_write_tokens (the 1-hour writes are a subset)',
    ];
  }
  if (event.cache_read_tokens + event.cache_write_tokens > event.input_tokens) {
    return [
      'cache_read_tokens',
      'cache_read_tokens + cache_write_tokens must not exceed input_tokens (input_tokens is inclusive)',
    ];
  }
  if (event.reasoning_tokens > event.output_tokens) {
    return [
      'reasoning_tokens',
      'reasoning_tokens must not exceed output_tokens (output_tokens is inclusive)',
    ];
  }
  return undefined;
}

/**
 * The canonical usage event of ARCHITECTURE §4.1: one LLM request, or an aggregate of
 * `request_count` requests over the bucket `timestamp` (start, inclusive) to `period_end` (end,
 * exclusive) as the providers' usage reports give them. Token counts follow the inclusive
 * convention (cache reads/writes are part of `input_tokens`, reasoning part of `output_tokens`) and
 * are the totals of all the requests a record stands for.
 */
export const usageEventSchema = z
  .object({
    event_id: shortText(128).min(1).optional(),
    timestamp,
    /** Exclusive end of the bucket an aggregated record covers; `timestamp` is its start. */
    period_end: timestamp.optional(),
    /** How many requests the record stands for (1 for a single request). */
    request_count: smallCount.min(1, 'must be 1 or more').default(1),
    provider: shortText(64).min(1).optional(),
    model: shortText(256).min(1, 'must not be empty'),
    operation: shortText(64).default('chat'),
    input_tokens: tokenCount.default(0),
    output_tokens: tokenCount.default(0),
    cache_read_tokens: tokenCount.default(0),
    cache_write_tokens: tokenCount.default(0),
    reasoning_tokens: tokenCount.default(0),
    /** Subset of cache_write_tokens written with the 1-hour TTL (Anthropic `ephemeral_1h`). */
    cache_write_1h_tokens: tokenCount.default(0),
    /** Server-side web searches, billed per search. */
    web_search_requests: smallCount.default(0),
    latency_ms: millis.optional(),
    ttft_ms: millis.optional(),
    status: z.enum(['success', 'error']).default('success'),
    error_type: shortText(128).optional(),
    cost_usd: z.number().nonnegative().optional(),
    batch: z.boolean().default(false),
    stream: z.boolean().default(false),
    max_tokens: tokenCount.optional(),
    temperature: z.number().min(0).max(10).optional(),
    prompt_hash: shortText(256).optional(),
    prefix_hashes: z.array(shortText(256)).max(4096).optional(),
    prefix_block_tokens: z.number().int().positive().max(1_000_000).default(DEFAULT_PREFIX_BLOCK_TOKENS),
    prompt: z.string().max(1_000_000).optional(),
    user_id: shortText(256).optional(),
    session_id: shortText(256).optional(),
    feature: shortText(256).optional(),
    app: shortText(256).optional(),
    environment: shortText(64).optional(),
    tags: z.array(shortText(128)).max(64).optional(),
    metadata: z.record(shortText(128), shortText(2048)).optional(),
  })
  .superRefine((event, context) => {
    const issue = tokenConsistencyIssue(event);
    if (issue !== undefined) {
      context.addIssue({ code: 'custom', path: [issue[0]], message: issue[1] });
    }
    if (event.period_end !== undefined && event.period_end <= event.timestamp) {
      context.addIssue({ code: 'custom', path: ['period_end'], message: PERIOD_END_MESSAGE });
    }
  });

/** What a client sends (before defaults). */
export type UsageEventInput = z.input<typeof usageEventSchema>;
/** A validated event with defaults applied and the timestamp as a Date. */
export type UsageEvent = z.output<typeof usageEventSchema>;

/** One refused record of a batch: where it was, which field, and why. */
export interface RejectedRecord {
  index: number;
  field: string;
  reason: string;
}

export type ParsedRecord = { ok: true; event: UsageEvent } | { ok: false; rejection: RejectedRecord };

/** Validates one record; a failure names the first failing field (or `record` for a non-object). */
export function parseUsageEvent(value: unknown, index: number): ParsedRecord {
  const parsed = usageEventSchema.safeParse(value);
  if (parsed.success) {
    return { ok: true, event: parsed.data };
  }
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? 'record' : issue.path.join('.');
  return { ok: false, rejection: { index, field, reason: issue?.message ?? 'invalid record' } };
}
