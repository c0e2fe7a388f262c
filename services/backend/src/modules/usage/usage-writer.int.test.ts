import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceTestEnvironment, tempDataDir } from '@netra/test-framework/stores';
import { describe, expect, it } from 'vitest';
import { loadBackendConfig, type BackendConfig } from '#config.js';
import { newTestOrgId, streamBatch } from '#test-support/clickhouse-test-support.js';
import { openBackendClickHouse } from '#platform/stores/index.js';
import { UsageRepository } from './usage.repository.js';
import type { KillChildOptions } from '#test-support/usage-writer.kill-child.js';
import { UsageWriter } from './usage-writer.js';

const CHILD = fileURLToPath(new URL('../../test-support/usage-writer.kill-child.ts', import.meta.url));
const BACKEND_DIR = fileURLToPath(new URL('../../..', import.meta.url));
const BATCH_SIZE = 500;
/** Acknowledged batches to wait for before killing, so the kill lands in a steady stream. */
const ACKS_BEFORE_KILL = 8;

/** What the child reported before it died. */
interface ChildReport {
  written: number[];
  acked: number[];
  /** The last line read before the kill was sent. */
  lastLine: string;
  openInserts: number;
}

function startChild(options: KillChildOptions): ChildProcess {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CHILD, JSON.stringify(options)], {
    cwd: BACKEND_DIR,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Updates the report with one line; true when this line is the moment to kill. */
function record(report: ChildReport, line: string): boolean {
  const [kind, value] = line.split(' ');
  report.lastLine = line;
  if (kind === 'write' || kind === 'ack') {
    report[kind === 'write' ? 'written' : 'acked'].push(Number(value));
  }
  const starts = line.endsWith(' start');
  report.openInserts += starts ? 1 : line.endsWith(' end') ? -1 : 0;
  return starts && report.acked.length >= ACKS_BEFORE_KILL;
}

/** Reads the child's lines and SIGKILLs it as soon as an insert starts after enough acks. */
function killDuringAnInsert(child: ChildProcess): Promise<ChildReport> {
  const report: ChildReport = { written: [], acked: [], lastLine: '', openInserts: 0 };
  let buffered = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`child exited on its own (code ${String(code)}) after ${report.lastLine}`));
    });
    const onData = (chunk: Buffer) => {
      const lines = (buffered + chunk.toString('utf8')).split('\n');
      buffered = lines.pop() ?? '';
      if (lines.some((line) => record(report, line))) {
        // Lines the child printed before the signal landed may still be in the pipe: the report
        // ends where the kill was decided.
        child.stdout?.off('data', onData);
        child.removeAllListeners('exit');
        child.kill('SIGKILL');
        resolve(report);
      }
    };
    child.stdout?.on('data', onData);
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => {
      resolve();
    });
  });
}

async function runAndKill(config: BackendConfig, orgId: string): Promise<ChildReport> {
  const child = startChild({
    url: config.values.CLICKHOUSE_URL,
    dataDir: join(config.values.NETRA_DATA_DIR, 'backend', 'clickhouse'),
    database: config.values.CLICKHOUSE_DATABASE,
    orgId,
    batchSize: BATCH_SIZE,
  });
  try {
    return await killDuringAnInsert(child);
  } finally {
    child.kill('SIGKILL');
    await exited(child);
  }
}

async function expectAcknowledgedStored(
  usage: UsageRepository,
  orgId: string,
  report: ChildReport,
): Promise<void> {
  for (const batch of report.acked) {
    const ids = streamBatch(orgId, batch, BATCH_SIZE).map((row) => row.event_id);
    expect((await usage.findEventsById(orgId, ids)).length, `acknowledged batch ${batch}`).toBe(BATCH_SIZE);
  }
}

/** Re-sends every batch the child ever handed over; returns how many rows came back as duplicates. */
async function resendAll(writer: UsageWriter, orgId: string, report: ChildReport): Promise<number> {
  const results = await Promise.all(
    report.written.map((batch) => writer.write(streamBatch(orgId, batch, BATCH_SIZE))),
  );
  return results.reduce((sum, result) => sum + result.duplicates, 0);
}

describe('UsageWriter durability', () => {
  it('loses nothing it acknowledged when the process is SIGKILLed during a flush', async () => {
    const config = loadBackendConfig(serviceTestEnvironment({ dataDir: tempDataDir('usage-kill') }));
    const orgId = newTestOrgId();
    const report = await runAndKill(config, orgId);
    expect(report.lastLine).toMatch(/^insert \d+ start$/);
    expect(report.openInserts).toBeGreaterThan(0);

    const store = await openBackendClickHouse(config);
    const usage = new UsageRepository(store);
    const writer = new UsageWriter(usage);
    try {
      await expectAcknowledgedStored(usage, orgId, report);
      // Re-sending everything stores each event exactly once, whether or not it had been acknowledged.
      expect(await resendAll(writer, orgId, report)).toBeGreaterThanOrEqual(report.acked.length * BATCH_SIZE);
      expect(await usage.countEvents(orgId)).toBe(report.written.length * BATCH_SIZE);
      expect((await usage.costSummary(orgId, {})).requests).toBe(report.written.length * BATCH_SIZE);
    } finally {
      await writer.close();
      await store.close();
    }
  });
});
