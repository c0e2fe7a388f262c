/**
 * The throwaway store of `netra analyze`: an embedded chdb ClickHouse in a fresh temporary directory
 * with the backend's migrations applied. The directory is removed when the run ends, also when it
 * fails or is interrupted (Ctrl-C, SIGTERM), so an offline analysis leaves nothing behind.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openClickHouse, type ClickHouseStore } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';

/** An open temporary store; `dispose` closes it and deletes its directory. */
export interface AnalyzeWorkspace {
  readonly dir: string;
  readonly store: ClickHouseStore;
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

/** Creates the temporary directory, opens chdb in it and applies the ClickHouse migrations. */
export async function openAnalyzeWorkspace(): Promise<AnalyzeWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), 'netra-analyze-'));
  const release = guardDirectory(dir);
  let store: ClickHouseStore | undefined;
  try {
    store = await openClickHouse({ url: undefined, dataDir: join(dir, 'clickhouse'), database: 'netra' });
    await migrateClickHouse(store);
  } catch (error) {
    await store?.close().catch(() => undefined);
    release();
    throw error;
  }
  const opened = store;
  return {
    dir,
    store: opened,
    dispose: async () => {
      try {
        await opened.close();
      } finally {
        release();
      }
    },
  };
}
