/**
 * The measuring pass as one aggregate query over an analysis's flags table (quantify's `measure`
 * in SQL): each request is priced as it was billed, under each measured change alone and under the
 * planned changes composed in CHANGE_ORDER (and their proven part), and the savings, clamped per
 * request as `clampedSaving` does, are summed by segment. A request finds its segment's changes by
 * its row kind (feature, provider, model and the pair it was priced as, numbered by their hash) and
 * the changes' values by its segment's number, so the text grows with the kinds of change, not with
 * the segments.
 * @module
 */
import {
  CHANGE_ORDER,
  REQUEST_LEVEL_KINDS,
  segmentKey,
  type Candidate,
  type ChangeRule,
  type PriceCatalog,
} from '@netra/optimizer';
import type { QueryParams } from '#platform/stores/clickhouse.js';
import { bitsOf, PRICING_SETTINGS } from '#modules/pricing/rate-card-sql.js';
import {
  gatedSql,
  REQUEST_BILL,
  REQUEST_COLUMNS,
  rewrittenSql,
  touchesSql,
  type BillSql,
  type ColumnSink,
  type RuleParams,
} from './measure-bills.js';
import { BillPricing, PricePairs, sameCard, type CardColumns } from './measure-pricing.js';
import type { KindEntry, MeasureSegments, SegmentEntry } from './measure-segments.js';

type Kind = Candidate['kind'];
type Role = 'measured' | 'planned' | 'proven';

/** A distinct (feature, provider, model, priced provider, priced model) of the requests, with its hash. */
export interface RowKind {
  hash: string;
  feature: string;
  provider: string;
  model: string;
  priced_provider: string;
  priced_model: string;
}

/** The query and the kinds whose individual savings its rows hold (`saving_<n>`, `touched_<n>`). */
export interface MeasureQuery {
  sql: string;
  params: QueryParams;
  measuredKinds: Kind[];
}

/** The request's row kind, segment number and own price pair. */
const ROW_KIND_COLUMNS: Record<string, string> = {
  rk:
    'transform(cityHash64(feature, provider, model, priced_provider, priced_model), ' +
    '{rk_hash:Array(UInt64)}, {rk_id:Array(UInt32)}, toUInt32(0))',
  seg: '{rk_seg:Array(UInt32)}[rk]',
  o_pair: '{rk_pair:Array(UInt32)}[rk]',
};

/** What `measure` counts: a request with a stored cost, priced, whose bill costs more than nothing. */
export const MEASURED_REQUESTS = "cost_usd IS NOT NULL AND priced_model != ''";

/**
 * Both sides of every `if` are computed for the whole block: the branches here are a few arithmetic
 * operations, cheaper than the masks short-circuit evaluation builds for each (measured at 1M
 * requests, 13 candidates: the pass took 2.8 s with short-circuits, 1.4–1.8 s without). None of
 * the expressions can fail on the rows a branch does not keep (a division by zero is a double).
 */
const EVERY_BRANCH = "short_circuit_function_evaluation = 'disable'";

/** The number a rule reads from its segment. */
function ruleValue(rule: ChangeRule): number {
  switch (rule.type) {
    case 'trim_input':
      return rule.budget;
    case 'cap_output':
      return rule.cap;
    case 'reduce_reasoning':
      return rule.share;
    case 'cache_prefix':
      return rule.minTokens;
    case 'eliminate':
    case 'reroute':
    case 'batch':
      return 0;
  }
}

const paramName = (kind: Kind, what: string) => `k_${kind}_${what}`;

/**
 * The query's computed columns in layers, each layer a subquery over the one before: a column sits
 * one layer above the deepest column it names. ClickHouse expands a column named in an expression
 * into its own expression, so a chain of rewrites written as one SELECT would grow exponentially
 * (beyond the 500,000 nodes a query may have); across subqueries a column is read, not expanded.
 */
class LayeredColumns {
  private readonly layers: string[][] = [];
  private readonly layerOf = new Map<string, number>();
  private readonly expressions = new Map<string, string>();

  /** Adds a column; naming one again is allowed only with the same expression (it is computed once). */
  add(name: string, expression: string): void {
    const known = this.expressions.get(name);
    if (known !== undefined) {
      if (known !== expression) {
        throw new Error(`column ${name} named twice`);
      }
      return;
    }
    this.expressions.set(name, expression);
    let layer = 0;
    for (const identifier of expression.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
      layer = Math.max(layer, (this.layerOf.get(identifier) ?? -1) + 1);
    }
    this.layerOf.set(name, layer);
    (this.layers[layer] ??= []).push(`${expression} AS ${name}`);
  }

  /** The rows of `from`, filtered by `where`, with every column. */
  select(from: string, where: string): string {
    return this.layers.reduce(
      (inner, columns, layer) =>
        layer === 0
          ? `SELECT *, ${columns.join(', ')} FROM ${from} WHERE ${where}`
          : `SELECT *, ${columns.join(', ')} FROM (${inner})`,
      '',
    );
  }
}

class MeasureQueryBuilder {
  readonly columns = new LayeredColumns();
  readonly params: QueryParams = {};
  private readonly pairs: PricePairs;
  private readonly ordered: SegmentEntry[];
  private pricing: BillPricing | undefined;
  private ownCard: CardColumns | undefined;
  private readonly touchColumns: Partial<Record<Kind, string>> = {};
  private readonly paramColumns: Partial<Record<Kind, RuleParams>> = {};

  constructor(
    private readonly plan: MeasureSegments,
    catalog: PriceCatalog,
  ) {
    this.pairs = new PricePairs(catalog);
    this.ordered = [...plan.segments.values()];
    for (const [name, expression] of Object.entries({ ...ROW_KIND_COLUMNS, ...REQUEST_COLUMNS })) {
      this.columns.add(name, expression);
    }
  }

  sink(prefix: string): ColumnSink {
    return (part, expression) => {
      const name = `${prefix}_${part}`;
      this.columns.add(name, expression);
      return name;
    };
  }

  rowKinds(rows: readonly RowKind[]): void {
    const entryOf = (row: RowKind) => this.plan.segments.get(segmentKey(row));
    this.params.rk_hash = rows.map((row) => BigInt(row.hash));
    this.params.rk_id = rows.map((_row, index) => index + 1);
    this.params.rk_seg = rows.map((row) => entryOf(row)?.index ?? 0);
    this.params.rk_pair = rows.map((row) => this.pairs.idOf(row.priced_provider, row.priced_model));
    for (const kind of this.plan.kinds) {
      this.params[paramName(kind, 'pair')] = rows.map((row) => {
        const rule = entryOf(row)?.byKind.get(kind)?.rule;
        return rule?.type === 'reroute'
          ? this.pairs.idOf(rule.provider ?? row.priced_provider, rule.model)
          : 0;
      });
    }
    this.pricing = new BillPricing(this.pairs);
  }

  segmentParams(): void {
    const of = (kind: Kind, value: (entry: KindEntry) => number) =>
      this.ordered.map((segment) => {
        const entry = segment.byKind.get(kind);
        return entry === undefined ? 0 : value(entry);
      });
    for (const kind of this.plan.kinds) {
      this.params[paramName(kind, 'measured')] = of(kind, (entry) => Number(entry.measured));
      this.params[paramName(kind, 'planned')] = of(kind, (entry) => Number(entry.planned));
      this.params[paramName(kind, 'proven')] = of(kind, (entry) => Number(entry.proven));
      this.params[paramName(kind, 'value')] = of(kind, (entry) => ruleValue(entry.rule)).map(bitsOf);
      this.params[paramName(kind, 'flag')] = of(kind, (entry) =>
        Number(entry.rule.type === 'cache_prefix' && entry.rule.writesPriced),
      );
    }
    const planned = (segment: SegmentEntry) => [...segment.byKind.values()].filter((entry) => entry.planned);
    this.params.seg_any_proven = this.ordered.map((segment) =>
      Number(planned(segment).some((entry) => entry.proven)),
    );
    this.params.seg_all_proven = this.ordered.map((segment) =>
      Number(planned(segment).every((entry) => entry.proven)),
    );
  }

  /**
   * The kinds some segment has in `role`, in CHANGE_ORDER: a chain leaves out the kinds that act
   * nowhere in it (the proven plan's is often a few of the plan's).
   */
  kindsIn(role: Role): Kind[] {
    return this.plan.kinds.filter((kind) => this.ordered.some((segment) => segment.byKind.get(kind)?.[role]));
  }

  ruleOf(kind: Kind): ChangeRule {
    for (const segment of this.ordered) {
      const entry = segment.byKind.get(kind);
      if (entry !== undefined) {
        return entry.rule;
      }
    }
    throw new Error(`no change of kind ${kind} in the pass`);
  }

  /** Whether the kind's change touches the request: its segment has one in `role`, and its rule holds. */
  appliesSql(kind: Kind, role: Role): string {
    const column = this.sink(`k${CHANGE_ORDER.indexOf(kind)}`);
    const touches = (this.touchColumns[kind] ??= column('touches', this.touchesSql(kind)));
    return `(${column(role, `{${paramName(kind, role)}:Array(UInt8)}[seg] = 1`)} AND ${touches})`;
  }

  private touchesSql(kind: Kind): string {
    const level = REQUEST_LEVEL_KINDS.has(kind) ? 'NOT aggregated AND ' : '';
    return `${level}${touchesSql(this.ruleOf(kind), this.ruleParams(kind))}`;
  }

  /** The segment's values of the kind's rule, each a column read once per request. */
  ruleParams(kind: Kind): RuleParams {
    const known = this.paramColumns[kind];
    if (known !== undefined) {
      return known;
    }
    const column = this.sink(`k${CHANGE_ORDER.indexOf(kind)}`);
    const type = this.ruleOf(kind).type;
    const params = {
      value: column('value', `reinterpretAsFloat64({${paramName(kind, 'value')}:Array(UInt64)}[seg])`),
      flag:
        type === 'cache_prefix' ? column('flag', `{${paramName(kind, 'flag')}:Array(UInt8)}[seg] = 1`) : '0',
      pair: type === 'reroute' ? column('pair', `{${paramName(kind, 'pair')}:Array(UInt32)}[rk]`) : '0',
    };
    this.paramColumns[kind] = params;
    return params;
  }

  /** The saving of a bill against the request's cost (clampedSaving), as a column. */
  savingSql(name: string, bill: BillSql): string {
    const column = this.sink(name);
    if (bill.eliminated === '1') {
      return 'o_cost';
    }
    const pricing = this.billPricing();
    const card = sameCard(bill, REQUEST_BILL) ? this.requestCard() : pricing.cardColumns(bill, column);
    const { priced, cost } = pricing.costSql(bill, card, column);
    const saving = `if(NOT ${priced} OR ${cost} >= o_cost, 0, if(${cost} <= 0, o_cost, o_cost - ${cost}))`;
    return bill.eliminated === '0'
      ? column('saving', saving)
      : column('saving', `if(${bill.eliminated}, o_cost, ${saving})`);
  }

  /** The card of the request's own bill (columns `o_…`), priced once. */
  requestCard(): CardColumns {
    this.ownCard ??= this.billPricing().cardColumns(REQUEST_BILL, this.sink('o'));
    return this.ownCard;
  }

  billPricing(): BillPricing {
    if (this.pricing === undefined) {
      throw new Error('the row kinds come before any bill is priced');
    }
    return this.pricing;
  }
}

/** Each measured kind's change alone on the request's own bill: `<prefix>_a` applies, `<prefix>_s` saves. */
function individualColumns(builder: MeasureQueryBuilder, kinds: readonly Kind[]): void {
  for (const [index, kind] of kinds.entries()) {
    const prefix = `i${index}`;
    const applies = builder.sink(prefix)('a', builder.appliesSql(kind, 'measured'));
    const bill = rewrittenSql(
      builder.ruleOf(kind),
      REQUEST_BILL,
      builder.ruleParams(kind),
      builder.sink(prefix),
    );
    builder.sink(prefix)('s', `if(${applies}, ${builder.savingSql(prefix, bill)}, 0)`);
  }
}

/**
 * The kinds' changes composed in CHANGE_ORDER where the segment has them in `role` (quantify's
 * planBill: an eliminated request takes no further change); its saving is 0 when none applied.
 */
function composedSaving(builder: MeasureQueryBuilder, role: 'planned' | 'proven', prefix: string): string {
  let bill = REQUEST_BILL;
  const applied: string[] = [];
  for (const [index, kind] of builder.kindsIn(role).entries()) {
    const step = builder.sink(`${prefix}${index}`);
    const act = step('act', `${builder.appliesSql(kind, role)} AND NOT ${bill.eliminated}`);
    const after = rewrittenSql(builder.ruleOf(kind), bill, builder.ruleParams(kind), step);
    bill = gatedSql(act, bill, after, step);
    applied.push(act);
  }
  if (applied.length === 0) {
    return '0';
  }
  return `if(${applied.join(' OR ')}, ${builder.savingSql(prefix, bill)}, 0)`;
}

/** The plan's saving (`p_s`) and its proven part (`v_s`: at most the plan's, whole when every planned change is proven). */
function planColumns(builder: MeasureQueryBuilder): void {
  const plan = builder.sink('p')('s', composedSaving(builder, 'planned', 'p'));
  const proven = builder.sink('v')('chain', composedSaving(builder, 'proven', 'v'));
  builder.sink('v')(
    's',
    `if({seg_any_proven:Array(UInt8)}[seg] = 0 OR ${plan} = 0, 0, ` +
      `if({seg_all_proven:Array(UInt8)}[seg] = 1, ${plan}, least(${proven}, ${plan})))`,
  );
}

/** The sums by segment of the requests' columns (`inner`): only requests whose own bill costs more than nothing. */
function segmentSumsSql(inner: string, measuredKinds: readonly Kind[]): string {
  const sums = measuredKinds.flatMap((_kind, index) => [
    `, sum(i${index}_s) AS saving_${index}`,
    `, countIf(i${index}_a) AS touched_${index}`,
  ]);
  return (
    `SELECT feature, provider, model, sum(o_cost) AS baseline, sum(p_s) AS plan, sum(v_s) AS proven${sums.join('')} ` +
    `FROM (${inner}) WHERE o_priced AND o_cost > 0 ` +
    `GROUP BY feature, provider, model SETTINGS ${PRICING_SETTINGS}, ${EVERY_BRANCH}`
  );
}

/** The measuring query of a pass over `table`, its requests narrowed by `where` (SQL and parameters). */
export function measureQuery(
  table: string,
  plan: MeasureSegments,
  rows: readonly RowKind[],
  catalog: PriceCatalog,
  where: { sql: string; params: QueryParams },
): MeasureQuery {
  const builder = new MeasureQueryBuilder(plan, catalog);
  builder.rowKinds(rows);
  builder.segmentParams();
  builder.billPricing().costSql(REQUEST_BILL, builder.requestCard(), builder.sink('o'));
  const measuredKinds = builder.kindsIn('measured');
  individualColumns(builder, measuredKinds);
  planColumns(builder);
  const sql = segmentSumsSql(builder.columns.select(table, where.sql), measuredKinds);
  return {
    sql,
    params: { ...where.params, ...builder.params, ...builder.billPricing().cardParams() },
    measuredKinds,
  };
}
