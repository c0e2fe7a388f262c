/**
 * What-if re-pricing: a period's stored events priced again by the optimizer's engine (`billCost`,
 * the arithmetic every savings figure goes through) under other prices and/or other models, against
 * the costs stored at ingestion. Nothing stored changes.
 * @module
 */
import { billCost, type RequestBill } from '@netra/optimizer';
import type { RepricingEvent, RepricingEventReader } from '#modules/usage/usage-reprice-events.js';
import type { OverrideTimeline } from './override-timeline.js';
import type { PricingService } from './pricing.service.js';
import type { RepriceBody, RepriceResponse } from './pricing.schema.js';

interface ModelRef {
  model: string;
  provider?: string | undefined;
}

type Substitutions = ReadonlyMap<string, ModelRef>;

interface Figures {
  requests: number;
  before_usd: number;
  after_usd: number;
  unpriced_before: number;
  unpriced_after: number;
}

type ModelFigures = Figures & { model: string; repriced_as: string };

const emptyFigures = (): Figures => ({
  requests: 0,
  before_usd: 0,
  after_usd: 0,
  unpriced_before: 0,
  unpriced_after: 0,
});

function substitutionsOf(body: RepriceBody): Substitutions {
  return new Map(
    Object.entries(body.model_substitutions ?? {}).map(([from, to]) => [
      from.toLowerCase(),
      typeof to === 'string' ? { model: to } : to,
    ]),
  );
}

/** The bill the engine prices for an event: its own, or on the substitute model when it has one. */
export function scenarioBill(event: RepricingEvent, substitutions: Substitutions): RequestBill {
  const substitute = substitutions.get(event.model.toLowerCase()) ?? substitutions.get(event.priced_model);
  return {
    provider: substitute === undefined ? event.provider : (substitute.provider ?? ''),
    model: substitute?.model ?? event.model,
    usage: {
      input_tokens: event.input_tokens,
      output_tokens: event.output_tokens,
      cache_read_tokens: event.cache_read_tokens,
      cache_write_tokens: event.cache_write_tokens,
      reasoning_tokens: event.reasoning_tokens,
      cache_write_1h_tokens: event.cache_write_1h_tokens,
      web_search_requests: event.web_search_requests,
    },
    batch: event.batch,
    eliminated: false,
  };
}

function add(figures: Figures, event: RepricingEvent, after: number | null): void {
  figures.requests += event.request_count;
  figures.before_usd += event.cost_usd ?? 0;
  figures.unpriced_before += event.cost_usd === null ? event.request_count : 0;
  figures.after_usd += after ?? 0;
  figures.unpriced_after += after === null ? event.request_count : 0;
}

/** Totals and per-model figures of the events as the scenario prices them. */
class RepriceTally {
  readonly totals = emptyFigures();
  private readonly byModel = new Map<string, ModelFigures>();

  constructor(
    private readonly timeline: OverrideTimeline,
    private readonly substitutions: Substitutions,
  ) {}

  add(event: RepricingEvent): void {
    const when = new Date(event.ts);
    const bill = scenarioBill(event, this.substitutions);
    const after = billCost(this.timeline.catalogAt(when), bill, when);
    const model = event.priced_model === '' ? event.model.toLowerCase() : event.priced_model;
    const repricedAs = bill.model === event.model ? model : bill.model;
    const key = `${model}\u0000${repricedAs}`;
    const figures = this.byModel.get(key) ?? { model, repriced_as: repricedAs, ...emptyFigures() };
    this.byModel.set(key, figures);
    add(figures, event, after);
    add(this.totals, event, after);
  }

  models(): ModelFigures[] {
    return [...this.byModel.values()].sort(
      (a, b) => b.before_usd - a.before_usd || a.model.localeCompare(b.model),
    );
  }
}

export class RepriceService {
  constructor(
    private readonly pricing: PricingService,
    private readonly events: RepricingEventReader,
  ) {}

  /** The period's stored costs against what the scenario would have cost, in total and per model. */
  async reprice(orgId: string, body: RepriceBody): Promise<RepriceResponse> {
    const timeline = await this.pricing.timeline(orgId, body.overrides ?? []);
    const tally = new RepriceTally(timeline, substitutionsOf(body));
    const scope = { orgId, from: new Date(body.from), to: new Date(body.to) };
    for await (const chunk of this.events.chunks(scope)) {
      chunk.forEach((event) => {
        tally.add(event);
      });
    }
    return {
      from: scope.from.toISOString(),
      to: scope.to.toISOString(),
      totals: { ...tally.totals, difference_usd: tally.totals.after_usd - tally.totals.before_usd },
      models: tally.models(),
    };
  }
}
