/**
 * A page of the flags table as requests: the columns the Native format gives (one array per
 * column) read back row by row.
 * @module
 */
import type { AnalyzedRequest } from '@netra/optimizer';
import type { NativeColumn, NativeValue } from '#platform/stores/native-columns.js';

/** A page as the Native format gives it, column by column. */
export type RequestColumns = Partial<Record<keyof AnalyzedRequest, NativeColumn>>;

/** A block of a page: the requests' columns plus the block's last event id (the last block's keys the next page). */
export type PageColumns = RequestColumns & { event_id?: NativeColumn };

/** A page as ClickHouse answered it, block by block. */
export type PageBlocks = readonly PageColumns[];

/** ClickHouse answers Bool columns as booleans and boolean expressions as UInt8. */
function truthy(value: NativeValue | undefined): boolean {
  return value === true || value === 1;
}

function nullableNumber(value: NativeValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

const column = (page: RequestColumns, name: keyof AnalyzedRequest): NativeColumn => page[name] ?? [];

/** How many requests a page holds. */
export function pageLength(page: PageBlocks): number {
  return page.reduce((rows, block) => rows + (block.timestamp?.length ?? 0), 0);
}

/** The keyset position after a page's last request: its timestamp and event id. */
export function pageEnd(page: PageBlocks): {
  timestamp: NativeValue | undefined;
  eventId: NativeValue | undefined;
} {
  const last = page.at(-1);
  return { timestamp: last?.timestamp?.at(-1), eventId: last?.event_id?.[0] };
}

/** The requests of a page, block after block (see blockRequests). */
export function* requestsOf(page: PageBlocks): Generator<AnalyzedRequest, void, undefined> {
  for (const block of page) {
    yield* blockRequests(block);
  }
}

/**
 * The requests of a block, read straight from its columns into ONE object that each step of the
 * iteration fills with the next row (UsageSource.analyzedRequests allows it): at a million requests,
 * a fresh object per row cost more in allocation and collection than the pass's own work.
 */
function* blockRequests(page: RequestColumns): Generator<AnalyzedRequest, void, undefined> {
  const c = (name: keyof AnalyzedRequest) => column(page, name);
  const [timestamp, requestCount, aggregated, feature, provider, model] = [
    c('timestamp'),
    c('request_count'),
    c('aggregated'),
    c('feature'),
    c('provider'),
    c('model'),
  ];
  const [pricedProvider, pricedModel, input, output, cacheRead, cacheWrite] = [
    c('priced_provider'),
    c('priced_model'),
    c('input_tokens'),
    c('output_tokens'),
    c('cache_read_tokens'),
    c('cache_write_tokens'),
  ];
  const [reasoning, cacheWrite1h, webSearch, cost, status, batch] = [
    c('reasoning_tokens'),
    c('cache_write_1h_tokens'),
    c('web_search_requests'),
    c('cost_usd'),
    c('status'),
    c('batch'),
  ];
  const [stream, maxTokens, repeat, cacheable, prefixWrites] = [
    c('stream'),
    c('max_tokens'),
    c('response_repeat'),
    c('cacheable_prefix_tokens'),
    c('cache_write_prefix_tokens'),
  ];
  const request = {} as AnalyzedRequest;
  for (let i = 0; i < timestamp.length; i++) {
    request.timestamp = Number(timestamp[i]);
    request.request_count = Number(requestCount[i]);
    request.aggregated = truthy(aggregated[i]);
    request.feature = String(feature[i]);
    request.provider = String(provider[i]);
    request.model = String(model[i]);
    request.priced_provider = String(pricedProvider[i]);
    request.priced_model = String(pricedModel[i]);
    request.input_tokens = Number(input[i]);
    request.output_tokens = Number(output[i]);
    request.cache_read_tokens = Number(cacheRead[i]);
    request.cache_write_tokens = Number(cacheWrite[i]);
    request.reasoning_tokens = Number(reasoning[i]);
    request.cache_write_1h_tokens = Number(cacheWrite1h[i]);
    request.web_search_requests = Number(webSearch[i]);
    request.cost_usd = nullableNumber(cost[i]);
    request.status = status[i] === 'error' ? 'error' : 'success';
    request.batch = truthy(batch[i]);
    request.stream = truthy(stream[i]);
    request.max_tokens = nullableNumber(maxTokens[i]);
    request.response_repeat = truthy(repeat[i]);
    request.cacheable_prefix_tokens = Number(cacheable[i]);
    request.cache_write_prefix_tokens = Number(prefixWrites[i]);
    yield request;
  }
}
