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
import { dropMaterializedViews, migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { openUsageAnalysis, type UsageAnalysisSource } from '#modules/usage/usage-analysis-source.js';

/** An open temporary store; `dispose` closes it and deletes its directory. */
export interface AnalyzeWorkspace {
  readonly dir: string;
  readonly store: ClickHouseStore;
  readonly analysis: UsageAnalysisSource;
  dispose(): Promise<void>;
}

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
 * chdb in `dir` with the migrations applied, without the rollup views, and the analysis source
 * ready; closed again on failure.
 */
async function openStore(dir: string): Promise<Pick<AnalyzeWorkspace, 'store' | 'analysis'>> {
  const store = await openClickHouse({ url: undefined, dataDir: join(dir, 'clickhouse'), database: 'netra' });
  try {
    await migrateClickHouse(store);
    // Nothing in an offline analysis reads the analytics rollups.
    await dropMaterializedViews(store);
    return { store, analysis: await openUsageAnalysis(store) };
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}

/** Creates the temporary directory and opens the store in it (see openStore). */
export async function openAnalyzeWorkspace(): Promise<AnalyzeWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), 'netra-analyze-'));
  const release = guardDirectory(dir);
  let opened: Pick<AnalyzeWorkspace, 'store' | 'analysis'>;
  try {
    opened = await openStore(dir);
  } catch (error) {
    release();
    throw error;
  }
  return {
    dir,
    ...opened,
    dispose: async () => {
      try {
        await opened.store.close();
      } finally {
        release();
      }
    },
  };
}
