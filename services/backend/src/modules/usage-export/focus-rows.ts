/**
 * FOCUS rows of one slice of usage (a UTC day × provider × model × feature × cost source), one per
 * token kind it used. The slice's cost (the sum of its events' stored cost_usd, after the
 * organization's price overrides and batch discounts) is split across the kinds in proportion to
 * their cost at catalog list prices, exactly: the rows re-sum to the slice's cost to the last
 * 1e-18 USD. Where the catalog lists no price the cost cannot be split by kind; it then stands on a
 * row of its own (kind `request`, counted in requests) and the token rows carry 0. See README.md.
 * @module
 */
import type { ListPrices } from '@netra/optimizer';
import { decimalText, splitExactly } from './exact-decimal.js';
import { TOKEN_KINDS, type KindQuantities, type TokenKind } from './token-kinds.js';

/** One day × provider × model × feature × cost source of usage, batch and standard requests together. */
export interface UsageSlice {
  orgId: string;
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  provider: string;
  model: string;
  feature: string;
  /** `catalog`, `reported`, or '' when unpriced. */
  costSource: string;
  requests: number;
  quantities: KindQuantities;
  /** Exact cost in 1e-18 USD units. */
  costUnits: bigint;
}

/** The part of the slice's day inside the export window. */
export interface ChargePeriod {
  start: Date;
  end: Date;
}

/** FOCUS column → value (text cells; '' for null). */
export type FocusRow = Record<(typeof FOCUS_COLUMNS)[number], string>;

export const FOCUS_COLUMNS = [
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'BillingCurrency',
  'BillingAccountId',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeDescription',
  'ServiceName',
  'ServiceCategory',
  'ProviderName',
  'ResourceId',
  'SkuId',
  'ConsumedQuantity',
  'ConsumedUnit',
  'Tags',
  'x_TokenKind',
  'x_CostSource',
] as const;

interface KindLine {
  kind: TokenKind | 'request';
  unit: string;
  quantity: number;
  /** Null when the catalog lists no price for it. */
  listCost: number | null;
}

function kindLines(slice: UsageSlice, prices: ListPrices | null): KindLine[] {
  return TOKEN_KINDS.filter((spec) => slice.quantities[spec.kind] > 0).map((spec) => {
    const rate = prices === null ? null : spec.listRate(prices);
    const quantity = slice.quantities[spec.kind];
    return { kind: spec.kind, unit: spec.unit, quantity, listCost: rate === null ? null : quantity * rate };
  });
}

/** Each line's share of the slice's cost; a line of its own carries it when there is no basis to split. */
function withCosts(slice: UsageSlice, lines: KindLine[]): { line: KindLine; cost: bigint }[] {
  const weights = lines.map((line) => line.listCost ?? 0);
  const splittable = lines.every((line) => line.listCost !== null) && weights.some((weight) => weight > 0);
  if (splittable) {
    const parts = splitExactly(slice.costUnits, weights);
    return lines.map((line, index) => ({ line, cost: parts[index] ?? 0n }));
  }
  const unsplit = lines.map((line) => ({ line, cost: 0n }));
  if (slice.costUnits === 0n) {
    return unsplit;
  }
  const whole: KindLine = { kind: 'request', unit: 'Requests', quantity: slice.requests, listCost: null };
  return [...unsplit, { line: whole, cost: slice.costUnits }];
}

function listCostText(listCost: number | null): string {
  return listCost === null ? '' : decimalText(BigInt(Math.round(listCost * 1e12)) * 1_000_000n);
}

function describe(slice: UsageSlice, line: KindLine): string {
  if (slice.costSource === '') {
    return `${line.kind} of ${slice.model}: unpriced (no catalog price and no stated cost)`;
  }
  return line.kind === 'request'
    ? `${slice.model}: cost stated by the source, not split by token kind`
    : `${line.kind} ${line.unit.toLowerCase()} of ${slice.model}`;
}

function focusRow(slice: UsageSlice, period: ChargePeriod, line: KindLine, cost: bigint): FocusRow {
  const cells = decimalText(cost);
  return {
    BilledCost: cells,
    EffectiveCost: cells,
    ListCost: listCostText(line.listCost),
    BillingCurrency: 'USD',
    BillingAccountId: slice.orgId,
    ChargePeriodStart: period.start.toISOString(),
    ChargePeriodEnd: period.end.toISOString(),
    ChargeCategory: 'Usage',
    ChargeDescription: describe(slice, line),
    ServiceName: `${slice.provider} API`,
    ServiceCategory: 'AI and Machine Learning',
    ProviderName: slice.provider,
    ResourceId: `${slice.provider}/${slice.model}`,
    SkuId: `${slice.provider}/${slice.model}/${line.kind}`,
    ConsumedQuantity: String(line.quantity),
    ConsumedUnit: line.unit,
    Tags: JSON.stringify(slice.feature === '' ? {} : { feature: slice.feature }),
    x_TokenKind: line.kind,
    x_CostSource: slice.costSource === '' ? 'unpriced' : slice.costSource,
  };
}

/** The slice's FOCUS rows; `prices` are the model's catalog list prices, null when it has none. */
export function focusRowsOf(slice: UsageSlice, period: ChargePeriod, prices: ListPrices | null): FocusRow[] {
  return withCosts(slice, kindLines(slice, prices)).map(({ line, cost }) =>
    focusRow(slice, period, line, cost),
  );
}
