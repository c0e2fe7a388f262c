/**
 * Prices one request's bill with the catalog: the single arithmetic every savings figure of the
 * engine goes through, so a request's baseline and its what-if costs always come from the same
 * prices at the same moment.
 * @module
 */
import type { AnalyzedRequest } from '#analysis/analyzed-request.js';
import type { RequestBill } from '#analysis/change.js';
import type { PriceCatalog } from '#pricing/price-catalog.js';

/** The bill a request was actually charged: its own model, usage and batch flag. */
export function originalBill(request: AnalyzedRequest): RequestBill {
  return {
    provider: request.priced_provider,
    model: request.priced_model,
    usage: {
      input_tokens: request.input_tokens,
      output_tokens: request.output_tokens,
      cache_read_tokens: request.cache_read_tokens,
      cache_write_tokens: request.cache_write_tokens,
      reasoning_tokens: request.reasoning_tokens,
      cache_write_1h_tokens: request.cache_write_1h_tokens,
      web_search_requests: request.web_search_requests,
    },
    batch: request.batch,
    eliminated: false,
  };
}

/** USD cost of a bill at `timestamp`; null when the catalog cannot price it. */
export function billCost(catalog: PriceCatalog, bill: RequestBill, timestamp: Date): number | null {
  if (bill.eliminated) {
    return 0;
  }
  return catalog.costOf(bill.provider, bill.model, bill.usage, bill.batch, timestamp);
}

/**
 * What a rewritten bill saves against the original cost, clamped to [0, cost]: a change never
 * saves more than the request cost, and a change that would cost more (or cannot be priced) saves
 * nothing rather than eating into other savings.
 */
export function clampedSaving(baseCost: number, newCost: number | null): number {
  if (newCost === null || newCost >= baseCost) {
    return 0;
  }
  return newCost <= 0 ? baseCost : baseCost - newCost;
}
