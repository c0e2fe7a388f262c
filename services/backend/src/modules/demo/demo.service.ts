/**
 * Loads the demo workload into an organization through the real ingestion path (validated, priced
 * with the organization's prices, stored in ClickHouse like any upload), once: an organization that
 * already holds demo data is refused, so the dashboard never shows the demo twice.
 * @module
 */
import { AppError } from '@netra/shared';
import type { DemoDataLoaded } from '@netra/shared/contracts';
import type { IngestionService } from '#modules/ingestion/ingest.service.js';
import { EventIdDeriver } from '#modules/ingestion/usage-row-builder.js';
import type { DemoRepository } from './demo.repository.js';
import { DEMO_DEFAULT_DAYS, DEMO_SOURCE, generateDemoWorkload, type DemoWorkload } from './demo-workload.js';

/** Events per ingestion call: what one large REST request carries. */
const INGEST_BATCH = 10_000;

const demoPresent = (events: number) =>
  new AppError(
    409,
    'demo_data_present',
    `This organization already holds demo data (${events} events); it is loaded only once`,
  );
const demoLoading = () =>
  new AppError(409, 'demo_data_loading', 'Demo data is being loaded into this organization right now');

export class DemoService {
  /** Organizations whose demo load is under way in this process (a second request waits for nothing). */
  readonly #loading = new Set<string>();

  constructor(
    private readonly repository: DemoRepository,
    private readonly ingestion: IngestionService,
  ) {}

  /**
   * Generates `days` of demo usage ending now and ingests it.
   * @throws AppError 409 `demo_data_present` when the organization already holds demo data,
   *   `demo_data_loading` while another load for it runs.
   */
  async load(orgId: string, days: number = DEMO_DEFAULT_DAYS): Promise<DemoDataLoaded> {
    if (this.#loading.has(orgId)) {
      throw demoLoading();
    }
    this.#loading.add(orgId);
    try {
      const { demoEvents } = await this.repository.presence(orgId, DEMO_SOURCE);
      if (demoEvents > 0) {
        throw demoPresent(demoEvents);
      }
      return await this.#ingest(orgId, generateDemoWorkload({ days }));
    } finally {
      this.#loading.delete(orgId);
    }
  }

  /** Loads the demo workload only into an organization without any usage; null when it had some. */
  async loadIntoEmpty(orgId: string, days: number = DEMO_DEFAULT_DAYS): Promise<DemoDataLoaded | null> {
    const { events } = await this.repository.presence(orgId, DEMO_SOURCE);
    return events > 0 ? null : this.load(orgId, days);
  }

  async #ingest(orgId: string, workload: DemoWorkload): Promise<DemoDataLoaded> {
    const ids = new EventIdDeriver();
    let stored = 0;
    for (let start = 0; start < workload.events.length; start += INGEST_BATCH) {
      const batch = workload.events.slice(start, start + INGEST_BATCH);
      const result = await this.ingestion.ingest(orgId, batch, DEMO_SOURCE, ids);
      if (result.rejected.length > 0) {
        // The generator emits only valid events: a refusal is a bug, never something to hide.
        throw new Error(`demo events refused: ${JSON.stringify(result.rejected.slice(0, 3))}`);
      }
      stored += result.stored;
    }
    return presentLoad(workload, stored);
  }
}

function presentLoad(workload: DemoWorkload, stored: number): DemoDataLoaded {
  return {
    events: stored,
    days: workload.days,
    from: workload.start.toISOString(),
    to: workload.end.toISOString(),
    features: workload.features.map(({ feature, provider, model, requests }) => ({
      feature,
      provider,
      model,
      requests,
    })),
  };
}
