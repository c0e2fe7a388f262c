/**
 * The throwaway store of `netra analyze`: an embedded chdb ClickHouse in a fresh temporary directory
 * with the backend's migrations applied (less the analytics rollups, which nothing here reads), and
 * the usage module's analysis source over it (the same one the service analyzes through). The directory is removed when the run ends, also when it
 * fails or is interrupted (Ctrl-C, SIGTERM), so an offline analysis leaves nothing behind.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openClickHouse, type ClickHouseStore } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { dropMaterializedViews, setMerges } from '#platform/stores/clickhouse-offline.js';
import { openUsageAnalysis, type UsageAnalysisSource } from '#modules/usage/usage-analysis-source.js';

/** An open temporary store; `dispose` closes it and deletes its directory. */
export interface AnalyzeWorkspace {
  readonly dir: string;
  readonly store: ClickHouseStore;
  readonly analysis: UsageAnalysisSource;
  /**
   * To call before usage reaches the store other than by the canonical fast load: the JavaScript
   * import may store an event twice (ReplacingMergeTree collapses it on read, with FINAL), so the
   * events table merges again and the analysis reads with FINAL.
   */
  allowRepeatedEvents(): Promise<void>;
  /**
   * The analysis source for the usage stored: its joins hold a slice in memory (the process is the
   * analysis's alone), and while only the fast load (which refuses repeated and already stored ids)
   * has stored events, it reads them without FINAL.
   */
  analysisSource(): UsageAnalysisSource;
  dispose(): Promise<void>;
}

const EVENTS = 'usage_events';

/** Exit codes of a run ended by a signal, as shells report them (128 + signal number). */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

function guardDirectory(dir: string): () => void {
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: keyof typeof SIGNAL_EXIT_CODES) => {
    process.stderr.write(`\nnetra analyze: interrupted (${signal}); temporary data removed\n`);
    remove();
    process.exit(SIGNAL_EXIT_CODES[signal]);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // A crash past every finally still must not leave hundreds of megabytes in /tmp.
  process.once('exit', remove);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', remove);
    remove();
  };
}

/**
 * chdb in `dir` with the migrations applied, without the rollup views, the events table's merges
 * paused, and the analysis source ready; closed again on failure.
 */
async function openStore(dir: string): Promise<OpenedStore> {
  const store = await openClickHouse({ url: undefined, dataDir: join(dir, 'clickhouse'), database: 'netra' });
  try {
    await migrateClickHouse(store);
    // Nothing in an offline analysis reads the analytics rollups, and its events are read
    // without FINAL until the JavaScript import stores any (allowRepeatedEvents).
    await dropMaterializedViews(store);
    await setMerges(store, EVENTS, false);
    return { store, analysis: await openUsageAnalysis(store) };
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}

type OpenedStore = Pick<AnalyzeWorkspace, 'store' | 'analysis'>;

/** Whether the stored events may repeat, and what follows from it (see AnalyzeWorkspace). */
function repeatPolicy(opened: OpenedStore): Pick<AnalyzeWorkspace, 'allowRepeatedEvents' | 'analysisSource'> {
  let distinctEvents = true;
  return {
    allowRepeatedEvents: async () => {
      if (distinctEvents) {
        distinctEvents = false;
        await setMerges(opened.store, EVENTS, true);
      }
    },
    analysisSource: () => opened.analysis.withReads({ distinctEvents, joinsInMemory: true }),
  };
}

/** Creates the temporary directory and opens the store in it (see openStore). */
export async function openAnalyzeWorkspace(): Promise<AnalyzeWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), 'netra-analyze-'));
  const release = guardDirectory(dir);
  let opened: OpenedStore;
  try {
    opened = await openStore(dir);
  } catch (error) {
    release();
    throw error;
  }
  return {
    dir,
    ...opened,
    ...repeatPolicy(opened),
    dispose: async () => {
      try {
        await opened.store.close();
      } finally {
        release();
      }
    },
  };
}
