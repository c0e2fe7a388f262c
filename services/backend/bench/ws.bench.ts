/**
 * `npm run bench -- ws [--clients=1000] [--users=50] [--rate=200] [--seconds=30]
 * [--stores=server|embedded]`: live delivery of agent-run events over `/ws` to many connections.
 *
 * `users` people sign up with the real auth service (its own process); the backend is opened in this
 * process as production composes it (HTTP app with the WebSocket gateway on a port, the runs worker
 * role), on the PostgreSQL and Redis servers of this machine (`server`, the default when both answer:
 * a throwaway database and Redis namespace, released afterwards) or on embedded stores. Each person
 * has one run, executed by the real worker with a pipeline (ws-pipeline.ts) that emits
 * `agent_thinking` events at a steady rate — `rate` events/s in all, runs spread over the interval —
 * through the runs module's recording path (PostgreSQL, then the Redis hot tier). `clients`
 * connections (`clients / users` per person, real tokens, `jwt-auth` subprotocol) are opened from a
 * separate process (ws-clients.ts), so the clients' work does not run on the server's event loop; each
 * follows its person's run with `subscribe_run` and must receive every seq exactly once, in order.
 *
 * Before it, the same shape against a plain `ws` server in this process (ws-raw.ts: no auth, no
 * stores): the same number of messages of the same size at the same rate to as many connections.
 *
 * Prints for each (the baseline first): connections ready, server RSS and heap before and after connecting (per
 * connection), messages published, deliveries with missing / duplicate / out-of-order counts, delivery
 * latency p50/p95/p99/max as receive time − the event's `ts` (one clock: same machine; `ts` has whole
 * milliseconds), for Netra also from when the event was published (stored in both tiers), and CPU
 * per process; then Netra / raw ratios of published → received and the target on it, p99 < 20 ms,
 * with emitted → received (which adds the run's durable write) beside it. A missed target prints FAIL and exits 0; a connection that
 * fails or a delivery missing, repeated or out of order exits 1, as does any error.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { z } from 'zod';
import { prepareBenchStores, serversAnswer, type BenchStores } from '#test-support/bench-stores.js';
import { ClientProcess } from './ws-client-process.js';
import type { SteadyPublication } from './ws-pipeline.js';
import { measureNetra, measureRaw, type Shape } from './ws-phases.js';
import { parseBenchOptions } from '@netra/test-framework/bench';
import { deliveryErrors, printComparison, printPhase } from './ws-report.js';

const TARGET_P99_MS = 20;

const positive = z.coerce.number().int().positive();
const optionsSchema = z
  .object({
    clients: positive.default(1_000),
    users: positive.default(50),
    rate: z.coerce.number().positive().default(200),
    seconds: positive.default(30),
    stores: z.enum(['server', 'embedded']).optional(),
  })
  .strict();
type Options = z.infer<typeof optionsSchema>;

const USAGE =
  'usage: npm run bench -- ws [--clients=1000] [--users=50] [--rate=200] [--seconds=30] [--stores=server|embedded]';

function parseOptions(argv: readonly string[]): Options | undefined {
  return parseBenchOptions(optionsSchema, argv, USAGE);
}

/** One run per person; each run's share of the rate, as a fixed interval between its events. */
function shapeOf(options: Options): Shape {
  const publication: SteadyPublication = {
    runs: options.users,
    eventsPerRun: Math.max(1, Math.round((options.rate * options.seconds) / options.users)),
    intervalMs: (options.users * 1000) / options.rate,
  };
  return {
    clients: options.clients,
    publication,
    connectionsPerPerson: Math.ceil(options.clients / options.users),
  };
}

/** A full collection before each memory reading, so the difference is what the connections hold. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function printHeader(options: Options, shape: Shape, stores: BenchStores): void {
  const { publication } = shape;
  const [oneMinute = 0] = loadavg();
  const perSecond = publication.runs * (1000 / publication.intervalMs);
  process.stdout.write(
    `bench ws: ${options.clients} clients of ${options.users} people (${shape.connectionsPerPerson} each), ` +
      `${publication.runs} runs × ${(1000 / publication.intervalMs).toFixed(2)} events/s = ${perSecond.toFixed(0)} events/s ` +
      `for ${options.seconds} s (${publication.eventsPerRun} per run) → ` +
      `${Math.round(perSecond * shape.connectionsPerPerson).toLocaleString('en-US')} deliveries/s\n` +
      `  stores: ${stores.description}\n` +
      `  load average ${oneMinute.toFixed(1)} on ${availableParallelism()} cores; node ${process.version}; ` +
      `server in this process (pid ${process.pid}), clients in a forked process\n`,
  );
}

async function run(options: Options, stores: BenchStores): Promise<number> {
  const shape = shapeOf(options);
  printHeader(options, shape, stores);
  const root = mkdtempSync(join(tmpdir(), 'netra-ws-bench-'));
  const clients = ClientProcess.start();
  const gc = exposeGc();
  try {
    // The baseline first, in a process nothing else has run in yet: its memory reading is clean.
    const raw = await measureRaw({ shape, clients, gc });
    printPhase(raw);
    const netra = await measureNetra({ root, stores, shape, clients, gc });
    printPhase(netra);
    const errors = [...deliveryErrors(raw), ...deliveryErrors(netra)];
    if (netra.ready.failed === 0) {
      printComparison(netra, raw, TARGET_P99_MS);
    }
    if (errors.length > 0) {
      process.stderr.write(`\nerror: ${errors.join('\n')}\n`);
      return 1;
    }
    return 0;
  } finally {
    clients.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === undefined) {
    return 2;
  }
  const mode = options.stores ?? ((await serversAnswer()) ? 'server' : 'embedded');
  const stores = await prepareBenchStores(mode);
  const onInterrupt = () => {
    process.stderr.write('\ninterrupted: removing the bench database and Redis keys…\n');
    void stores.release().finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await run(options, stores);
  } finally {
    process.off('SIGINT', onInterrupt);
    await stores.release();
  }
}

process.exitCode = await main();
