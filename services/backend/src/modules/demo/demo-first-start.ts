/**
 * Development's first start: an empty development organization gets the demo workload, so a
 * newcomer's first `npm start` opens on a full dashboard and can ask for savings at once. An
 * organization with any usage (demo or real) is left alone, so later starts load nothing.
 * @module
 */
import type { Logger } from '@netra/shared/server';
import type { DemoService } from './demo.service.js';

/**
 * Loads the demo workload into `orgId` when it holds no usage. A failure is logged, never thrown:
 * demo data is a convenience and must not keep the backend from starting.
 */
export async function loadDemoOnFirstStart(demo: DemoService, orgId: string, logger: Logger): Promise<void> {
  try {
    const loaded = await demo.loadIntoEmpty(orgId);
    if (loaded !== null) {
      logger.info(
        { orgId, events: loaded.events, days: loaded.days },
        'demo workload loaded into the empty development organization (DEMO_DATA_ON_FIRST_START=false turns this off)',
      );
    }
  } catch (error) {
    logger.warn({ orgId, err: error }, 'demo workload could not be loaded; the backend starts without it');
  }
}
