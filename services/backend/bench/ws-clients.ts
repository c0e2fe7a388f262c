/**
 * The WebSocket bench's client process (forked by ws.bench.ts, so the clients' work does not run on
 * the server's event loop): opens raw `ws` connections as told, records every message each one
 * receives — its seq, its `ts` and when it arrived — and answers with the delivery figures: missing,
 * duplicate and out-of-order messages per connection, and the latency of each delivery. Both ends run
 * on this machine, so the server's clock is this process's clock.
 * @module
 */
import WebSocket from 'ws';
import {
  latenciesOf,
  messageKey,
  preciseNow,
  type ClientPlan,
  type CollectCommand,
  type ConnectCommand,
  type DeliveryReport,
  type FromClients,
  type ToClients,
} from './ws-protocol.js';

/** Connections being opened at once: enough to be quick, few enough not to be a connection storm. */
const OPENING_AT_ONCE = 50;
const OPEN_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 10_000;

/** Every message of the phase, in arrival order, in flat arrays (no object per message). */
class Arrivals {
  connection = new Int32Array(1 << 16);
  seq = new Int32Array(1 << 16);
  ts = new Float64Array(1 << 16);
  at = new Float64Array(1 << 16);
  length = 0;

  add(connection: number, seq: number, ts: number, at: number): void {
    if (this.length === this.at.length) {
      this.grow();
    }
    this.connection[this.length] = connection;
    this.seq[this.length] = seq;
    this.ts[this.length] = ts;
    this.at[this.length] = at;
    this.length += 1;
  }

  private grow(): void {
    const size = this.at.length * 2;
    const copy = <T extends Int32Array | Float64Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.connection = copy(this.connection, new Int32Array(size));
    this.seq = copy(this.seq, new Int32Array(size));
    this.ts = copy(this.ts, new Float64Array(size));
    this.at = copy(this.at, new Float64Array(size));
  }
}

/** One connection: its socket, the thinking messages it got, and how its seq went. */
class Connection {
  socket: WebSocket | undefined;
  runEvents = 0;
  lastSeq = -1;
  outOfOrder = 0;
  /** One byte per seq: how many times it arrived. */
  seen = new Uint8Array(1024);
  closeCode: number | undefined;

  constructor(
    readonly index: number,
    readonly plan: ClientPlan,
  ) {}

  record(seq: number): void {
    if (seq >= this.seen.length) {
      const grown = new Uint8Array(Math.max(seq + 1, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    this.seen[seq] = Math.min(255, (this.seen[seq] ?? 0) + 1);
    if (seq <= this.lastSeq) {
      this.outOfOrder += 1;
    }
    this.lastSeq = Math.max(this.lastSeq, seq);
  }
}

interface Phase {
  command: ConnectCommand;
  connections: Connection[];
  arrivals: Arrivals;
  reasons: string[];
  cpuAtReady: NodeJS.CpuUsage;
  readyAt: number;
}

let phase: Phase | undefined;

function send(message: FromClients): void {
  process.send?.(message);
}

interface ReceivedMessage {
  type?: string;
  seq?: number;
  ts?: string;
}

function onMessage(current: Phase, connection: Connection, data: WebSocket.RawData): void {
  const at = preciseNow();
  // Text frames arrive as one Buffer (no fragmentation on this path).
  const message = JSON.parse((data as Buffer).toString('utf8')) as ReceivedMessage;
  if (typeof message.seq !== 'number') {
    return;
  }
  connection.runEvents += 1;
  connection.record(message.seq);
  if (message.type === 'agent_thinking' && message.ts !== undefined) {
    current.arrivals.add(connection.index, message.seq, Date.parse(message.ts), at);
  }
}

function keepReason(current: Phase, reason: string): void {
  if (current.reasons.length < 5) {
    current.reasons.push(reason);
  }
}

/** Opens one connection; resolves once it is ready, or has failed (the reason kept). */
function open(current: Phase, connection: Connection): Promise<void> {
  const { plan } = connection;
  const needed = current.command.readyAfterEvents;
  const socket = new WebSocket(plan.url, plan.protocols, { perMessageDeflate: false });
  connection.socket = socket;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      failed(`not ready after ${OPEN_TIMEOUT_MS} ms`);
    }, OPEN_TIMEOUT_MS);
    const ready = () => {
      clearTimeout(timer);
      resolve();
    };
    const failed = (reason: string) => {
      keepReason(current, reason);
      ready();
    };
    socket.on('open', () => {
      if (plan.hello !== undefined) {
        socket.send(plan.hello);
      }
      if (needed === 0) {
        ready();
      }
    });
    socket.on('message', (data) => {
      onMessage(current, connection, data);
      if (connection.runEvents === needed) {
        ready();
      }
    });
    watchFailures(connection, failed);
  });
}

function watchFailures(connection: Connection, failed: (reason: string) => void): void {
  connection.socket?.on('error', (error) => {
    failed(error.message);
  });
  connection.socket?.on('close', (code, reason) => {
    connection.closeCode = code;
    failed(`closed ${code} ${reason.toString()}`);
  });
}

function isReady(current: Phase, connection: Connection): boolean {
  return (
    connection.closeCode === undefined &&
    connection.socket?.readyState === WebSocket.OPEN &&
    connection.runEvents >= current.command.readyAfterEvents
  );
}

/** Opens every connection, `OPENING_AT_ONCE` at a time. */
async function openAll(current: Phase): Promise<void> {
  const { connections } = current;
  let next = 0;
  const opener = async () => {
    for (let index = next; index < connections.length; index = next) {
      next = index + 1;
      const connection = connections[index];
      if (connection !== undefined) {
        await open(current, connection);
      }
    }
  };
  await Promise.all(Array.from({ length: OPENING_AT_ONCE }, opener));
}

async function connect(command: ConnectCommand): Promise<void> {
  const started = performance.now();
  const connections = command.clients.map((plan, index) => new Connection(index, plan));
  const current: Phase = {
    command,
    connections,
    arrivals: new Arrivals(),
    reasons: [],
    cpuAtReady: process.cpuUsage(),
    readyAt: 0,
  };
  phase = current;
  await openAll(current);
  const connected = connections.filter((connection) => isReady(current, connection)).length;
  current.cpuAtReady = process.cpuUsage();
  current.readyAt = performance.now();
  const elapsedMs = performance.now() - started;
  send({
    type: 'ready',
    connected,
    failed: connections.length - connected,
    reasons: current.reasons,
    elapsedMs,
  });
}

/** Whether every open connection has every seq up to its stream's last. */
function complete(current: Phase, lastSeq: Record<string, number>): boolean {
  return current.connections.every(
    (connection) =>
      connection.closeCode !== undefined || connection.lastSeq >= (lastSeq[connection.plan.stream] ?? 0),
  );
}

async function waitForDeliveries(current: Phase, command: CollectCommand): Promise<void> {
  const deadline = Date.now() + command.waitMs;
  while (!complete(current, command.lastSeq) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Missing and duplicate seqs over every connection, against its stream's 0..last. */
function seqFigures(current: Phase, lastSeq: Record<string, number>) {
  let missing = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  for (const connection of current.connections) {
    const last = lastSeq[connection.plan.stream] ?? -1;
    for (let seq = 0; seq <= last; seq += 1) {
      const times = connection.seen[seq] ?? 0;
      missing += times === 0 ? 1 : 0;
      duplicates += Math.max(0, times - 1);
    }
    outOfOrder += connection.outOfOrder;
  }
  return { missing, duplicates, outOfOrder };
}

/** The latency of every thinking message that arrived, from its `ts` and from when it was ready. */
function latencyFigures(current: Phase, readyAt: Record<string, number>) {
  const { arrivals, connections } = current;
  const fromTs = new Float64Array(arrivals.length);
  const fromReady: number[] = [];
  for (let index = 0; index < arrivals.length; index += 1) {
    const at = arrivals.at[index] ?? 0;
    fromTs[index] = at - (arrivals.ts[index] ?? 0);
    const stream = connections[arrivals.connection[index] ?? 0]?.plan.stream ?? '';
    const ready = readyAt[messageKey(stream, arrivals.seq[index] ?? 0)];
    if (ready !== undefined) {
      fromReady.push(at - ready);
    }
  }
  return {
    count: arrivals.length,
    fromTs: latenciesOf(fromTs),
    fromReady: fromReady.length === 0 ? undefined : latenciesOf(Float64Array.from(fromReady)),
  };
}

async function collect(command: CollectCommand): Promise<void> {
  const current = phase;
  if (current === undefined) {
    throw new Error('collect before connect');
  }
  await waitForDeliveries(current, command);
  const cpu = process.cpuUsage(current.cpuAtReady);
  const seqs = seqFigures(current, command.lastSeq);
  const latency = latencyFigures(current, command.readyAt);
  const closed = current.connections.filter((connection) => connection.closeCode !== undefined);
  const expected = current.connections.reduce(
    (sum, connection) => sum + (command.lastSeq[connection.plan.stream] ?? -1) + 1,
    0,
  );
  const report: DeliveryReport = {
    type: 'delivered',
    received: expected - seqs.missing,
    expected,
    ...seqs,
    closedEarly: closed.length,
    closeCodes: [...new Set(closed.map((connection) => String(connection.closeCode)))],
    fromTs: latency.fromTs,
    fromReady: latency.fromReady,
    cpuMs: (cpu.user + cpu.system) / 1000,
    cpuWindowMs: performance.now() - current.readyAt,
  };
  send(report);
}

async function closeAll(): Promise<void> {
  const sockets = (phase?.connections ?? []).flatMap((connection) =>
    connection.socket === undefined ? [] : [connection.socket],
  );
  phase = undefined;
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) {
            resolve();
            return;
          }
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, CLOSE_TIMEOUT_MS);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          socket.close();
        }),
    ),
  );
  send({ type: 'closed' });
}

async function handle(command: ToClients): Promise<void> {
  if (command.type === 'connect') {
    await connect(command);
  } else if (command.type === 'collect') {
    await collect(command);
  } else {
    await closeAll();
  }
}

process.on('message', (command: ToClients) => {
  handle(command).catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});
process.on('disconnect', () => {
  process.exit(0);
});
