/**
 * What the WebSocket bench's two processes say to each other over the fork IPC channel, and the
 * figures both sides compute. The server side (ws.bench.ts: the backend, or the raw `ws` server)
 * tells the client process (ws-clients.ts) what to connect to; the client process answers once every
 * connection is ready, and, when told the publication is over, with its delivery figures.
 * @module
 */

/** One connection to open: where, with which subprotocols, and what to send once it is open. */
export interface ClientPlan {
  url: string;
  protocols: string[];
  /** Sent once the socket is open (e.g. `subscribe_run`); none for the raw baseline. */
  hello: string | undefined;
  /** The stream (run) the connection follows: deliveries are checked per stream. */
  stream: string;
}

export interface ConnectCommand {
  type: 'connect';
  label: string;
  clients: ClientPlan[];
  /**
   * Netra: a connection is ready once it received this many run events (the run's `agent_started`,
   * stored before the publication starts), so its feed is live. 0: ready once open.
   */
  readyAfterEvents: number;
}

export interface CollectCommand {
  type: 'collect';
  /** Per stream: the seq of its last message; every connection of it must receive 0..last exactly once. */
  lastSeq: Record<string, number>;
  /** Per `stream:seq` of a measured message: when the server side had it ready to deliver (epoch ms). */
  readyAt: Record<string, number>;
  /** How long to wait for the last deliveries. */
  waitMs: number;
}

export interface CloseCommand {
  type: 'close';
}

export type ToClients = ConnectCommand | CollectCommand | CloseCommand;

export interface ReadyReport {
  type: 'ready';
  connected: number;
  /** Connections refused or closed before they were ready, with the first reasons seen. */
  failed: number;
  reasons: string[];
  elapsedMs: number;
}

export interface Latencies {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface DeliveryReport {
  type: 'delivered';
  /** Measured messages received (each seq of each connection counted once). */
  received: number;
  expected: number;
  missing: number;
  duplicates: number;
  /** Messages out of seq order on a connection. */
  outOfOrder: number;
  /** Connections that closed before the end, with their close codes. */
  closedEarly: number;
  closeCodes: string[];
  /** Receive time − the message's `ts` (whole milliseconds, as the event carries it). */
  fromTs: Latencies;
  /** Receive time − `readyAt` (the server had stored the event in PostgreSQL and Redis). */
  fromReady: Latencies | undefined;
  /** CPU the client process used from the end of connecting to the end of collecting (ms), and that window. */
  cpuMs: number;
  cpuWindowMs: number;
}

export interface ClosedReport {
  type: 'closed';
}

export interface ErrorReport {
  type: 'error';
  message: string;
}

export type FromClients = ReadyReport | DeliveryReport | ClosedReport | ErrorReport;

/** `stream:seq`, the key of one published message. */
export const messageKey = (stream: string, seq: number) => `${stream}:${seq}`;

/** The current time in epoch milliseconds with sub-millisecond resolution. */
export const preciseNow = () => performance.timeOrigin + performance.now();

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** p50 / p95 / p99 / max of `values` (sorted in place). */
export function latenciesOf(values: Float64Array): Latencies {
  values.sort();
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.at(-1) ?? Number.NaN,
  };
}
