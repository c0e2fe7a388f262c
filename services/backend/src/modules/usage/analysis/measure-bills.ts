/**
 * Bills as SQL: a request's bill (RequestBill) is a set of column expressions, and each change rule
 * rewrites it the way the analyzer's `apply` rewrites the JavaScript bill, with the same double
 * arithmetic (Math.min → least, Math.floor → floor, in the same order). Every new value is a named
 * column of the query, so a chain of changes stays a short text however many fields each touches.
 * @module
 */
import type { ChangeRule } from '@netra/optimizer';
import type { UsageSql } from '#modules/pricing/rate-card-sql.js';

/** A bill's parts as SQL: its price pair (0: none), batch flag, usage and whether it is eliminated. */
export interface BillSql extends UsageSql {
  pair: string;
  batch: string;
  eliminated: string;
}

/** The request's own values, named in the query (see REQUEST_COLUMNS). */
export const REQUEST_BILL: BillSql = {
  pair: 'o_pair',
  batch: 'q_batch',
  input: 'q_in',
  cacheRead: 'q_cr',
  cacheWrite: 'q_cw',
  cacheWrite1h: 'q_cw1h',
  output: 'q_out',
  reasoning: 'q_reas',
  webSearches: 'q_ws',
  eliminated: '0',
};

/** The request's columns a pass reads, as doubles where they are token counts. */
export const REQUEST_COLUMNS: Readonly<Record<string, string>> = {
  q_batch: 'toUInt8(batch)',
  q_in: 'toFloat64(input_tokens)',
  q_cr: 'toFloat64(cache_read_tokens)',
  q_cw: 'toFloat64(cache_write_tokens)',
  q_cw1h: 'toFloat64(cache_write_1h_tokens)',
  q_out: 'toFloat64(output_tokens)',
  q_reas: 'toFloat64(reasoning_tokens)',
  q_ws: 'toFloat64(web_search_requests)',
  q_cacheable: 'toFloat64(cacheable_prefix_tokens)',
  q_prefix_writes: 'toFloat64(cache_write_prefix_tokens)',
};

/** Names the columns of one rewrite: `column(part, expression)` adds one and returns its name. */
export type ColumnSink = (part: string, expression: string) => string;

/** The parameters a kind's rule reads for the request's segment (`seg`) or row kind (`rk`). */
export interface RuleParams {
  /** The segment's number (budget, cap, share or minimum prefix), as a double. */
  value: string;
  /** The segment's flag (cache writes priced). */
  flag: string;
  /** The price pair a reroute bills at, by row kind. */
  pair: string;
}

/** Whether the rule touches the request (the segment and request-level parts are the caller's). */
export function touchesSql(rule: ChangeRule, params: RuleParams): string {
  switch (rule.type) {
    case 'eliminate':
      return rule.when === 'failed' ? "(status = 'error' AND ifNull(cost_usd, 0) > 0)" : 'response_repeat';
    case 'reroute':
      return '1';
    case 'trim_input':
      return `q_in > ${params.value}`;
    case 'cap_output':
      return `q_out > ${params.value}`;
    case 'reduce_reasoning':
      return 'q_reas > 0';
    case 'cache_prefix':
      return `(q_cacheable >= ${params.value} OR (${params.flag} AND q_prefix_writes > 0))`;
    case 'batch':
      return '(NOT stream AND NOT batch)';
  }
}

/** context-trimming's trimmedBill. */
function trimmed(bill: BillSql, budget: string, column: ColumnSink): BillSql {
  const input = column('in', `least(${bill.input}, ${budget})`);
  const cached = column('cached', `${bill.cacheRead} + ${bill.cacheWrite}`);
  const over = column('over', `${cached} > ${input}`);
  const scale = column('scale', `${input} / ${cached}`);
  const cacheRead = column('cr', `if(${over}, floor(${bill.cacheRead} * ${scale}), ${bill.cacheRead})`);
  const cacheWrite = column(
    'cw',
    `if(${over}, least(floor(${bill.cacheWrite} * ${scale}), ${input} - ${cacheRead}), ${bill.cacheWrite})`,
  );
  const cacheWrite1h = column(
    'cw1h',
    `if(${over}, least(${bill.cacheWrite1h}, ${cacheWrite}), ${bill.cacheWrite1h})`,
  );
  return { ...bill, input, cacheRead, cacheWrite, cacheWrite1h };
}

/** output-length's cappedBill. */
function capped(bill: BillSql, cap: string, column: ColumnSink): BillSql {
  const output = column('out', `least(${bill.output}, ${cap})`);
  const reasoning = column('reas', `least(${bill.reasoning}, ${output})`);
  return { ...bill, output, reasoning };
}

/** reasoning-effort's reducedBill. */
function reduced(bill: BillSql, share: string, column: ColumnSink): BillSql {
  const cut = column('cut', `${bill.reasoning} * ${share}`);
  const reasoning = column('reas', `${bill.reasoning} - ${cut}`);
  const output = column('out', `${bill.output} - ${cut}`);
  return { ...bill, reasoning, output };
}

/** prompt-caching's cachedBill. */
function cached(bill: BillSql, params: RuleParams, column: ColumnSink): BillSql {
  const readable = `least(q_cacheable, ${bill.input} - ${bill.cacheWrite})`;
  const cacheRead = column(
    'cr',
    `if(q_cacheable >= ${params.value}, greatest(${bill.cacheRead}, ${readable}), ${bill.cacheRead})`,
  );
  const room = `${bill.input} - ${cacheRead} - ${bill.cacheWrite}`;
  const cacheWrite = column(
    'cw',
    `if(${params.flag} AND q_prefix_writes > 0, ${bill.cacheWrite} + greatest(0, least(q_prefix_writes, ${room})), ${bill.cacheWrite})`,
  );
  return { ...bill, cacheRead, cacheWrite };
}

/** The bill after the rule, its new parts named through `column`. */
export function rewrittenSql(
  rule: ChangeRule,
  bill: BillSql,
  params: RuleParams,
  column: ColumnSink,
): BillSql {
  switch (rule.type) {
    case 'eliminate':
      return { ...bill, eliminated: '1' };
    case 'reroute':
      return { ...bill, pair: params.pair };
    case 'trim_input':
      return trimmed(bill, params.value, column);
    case 'cap_output':
      return capped(bill, params.value, column);
    case 'reduce_reasoning':
      return reduced(bill, params.value, column);
    case 'cache_prefix':
      return cached(bill, params, column);
    case 'batch':
      return { ...bill, batch: '1' };
  }
}

const BILL_PARTS = [
  'pair',
  'batch',
  'input',
  'cacheRead',
  'cacheWrite',
  'cacheWrite1h',
  'output',
  'reasoning',
  'webSearches',
  'eliminated',
] as const satisfies readonly (keyof BillSql)[];

/** `after` where `when` holds, else `before`: each changed part as one named column. */
export function gatedSql(when: string, before: BillSql, after: BillSql, column: ColumnSink): BillSql {
  const gated = { ...before };
  for (const part of BILL_PARTS) {
    if (after[part] !== before[part]) {
      gated[part] = column(`g_${part}`, `if(${when}, ${after[part]}, ${before[part]})`);
    }
  }
  return gated;
}
