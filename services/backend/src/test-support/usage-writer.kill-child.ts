/**
 * The process usage-writer.int.test.ts kills. It opens the usage store, streams batches through a
 * UsageWriter with a few writes always outstanding, and reports on stdout, one line each:
 * `ready`, `write <batch>` when a batch is handed over, `insert <n> start|end` around every
 * ClickHouse insert, and `ack <batch>` once the writer acknowledged a batch.
 * Usage: node --conditions=source --import tsx usage-writer.kill-child.ts '<KillChildOptions JSON>'
 * @module
 */
import { openClickHouse } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { streamBatch } from './clickhouse-test-support.js';
import { UsageRepository } from '#modules/usage/usage.repository.js';
import { UsageWriter, type UsageWriteTarget } from '#modules/usage/usage-writer.js';

/** What the parent passes as the only argument. */
export interface KillChildOptions {
  url?: string;
  dataDir: string;
  database: string;
  orgId: string;
  batchSize: number;
}

/** Stops on its own if nobody kills it, so a failed test never leaves it running. */
const MAX_BATCHES = 400;
const OUTSTANDING = 4;

function say(line: string): void {
  // Synchronous on pipes: a line the parent reads was written before anything that follows it.
  process.stdout.write(`${line}\n`);
}

function announcingInserts(repository: UsageRepository): UsageWriteTarget {
  let inserts = 0;
  return {
    encodeRows: (rows) => repository.encodeRows(rows),
    isTransientError: (error) => repository.isTransientError(error),
    storedEventIds: (events) => repository.storedEventIds(events),
    latestEventTimes: (orgIds) => repository.latestEventTimes(orgIds),
    insertEncoded: async (encoded) => {
      inserts += 1;
      const insert = inserts;
      say(`insert ${insert} start`);
      await repository.insertEncoded(encoded);
      say(`insert ${insert} end`);
    },
  };
}

/** Hands over batch after batch, keeping a few writes outstanding so a flush is nearly always running. */
async function stream(writer: UsageWriter, options: KillChildOptions): Promise<void> {
  const outstanding = new Set<Promise<void>>();
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    say(`write ${batch}`);
    const write = writer.write(streamBatch(options.orgId, batch, options.batchSize)).then(
      () => {
        say(`ack ${batch}`);
      },
      (error: unknown) => {
        say(`failed ${batch}: ${String(error)}`);
        process.exit(1);
      },
    );
    outstanding.add(write);
    void write.then(() => outstanding.delete(write));
    if (outstanding.size >= OUTSTANDING) {
      await Promise.race(outstanding);
    }
  }
}

async function main(options: KillChildOptions): Promise<void> {
  const store = await openClickHouse({
    url: options.url,
    dataDir: options.dataDir,
    database: options.database,
  });
  await migrateClickHouse(store);
  const writer = new UsageWriter(announcingInserts(new UsageRepository(store)), {
    maxBatchRows: options.batchSize * 2,
    flushIntervalMs: 10,
  });
  say('ready');
  await stream(writer, options);
  await writer.close();
  await store.close();
}

await main(JSON.parse(process.argv[2] ?? '{}') as KillChildOptions);
