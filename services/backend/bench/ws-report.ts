/**
 * What the WebSocket bench prints: one block per phase (Netra's gateway, then the raw `ws`
 * baseline), the ratios between them and the target line.
 * @module
 */
import type { DeliveryReport, Latencies, ReadyReport } from './ws-protocol.js';

/** Memory of the server process, after a full garbage collection. */
export interface Memory {
  rss: number;
  heapUsed: number;
}

export interface PhaseFigures {
  label: string;
  clients: number;
  ready: ReadyReport;
  before: Memory;
  after: Memory;
  /** Measured messages published, how many began late, and over how long. */
  published: { messages: number; late: number; seconds: number; bytes: number };
  delivery: DeliveryReport;
  /** CPU of the server process (and of the store servers, when known) while publishing, over `cpuSeconds`. */
  cpuMs: Record<string, number>;
  cpuSeconds: number;
  /** Extra lines (e.g. Redis connections). */
  notes: string[];
}

const print = (line: string) => process.stdout.write(`${line}\n`);
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kbEach = (bytes: number, connections: number) =>
  `${(bytes / 1024 / Math.max(1, connections)).toFixed(1)} KB/connection`;

export function latencyLine(latencies: Latencies | undefined, noun = 'deliveries'): string {
  if (latencies === undefined) {
    return 'n/a';
  }
  return (
    `p50 ${ms(latencies.p50)}   p95 ${ms(latencies.p95)}   p99 ${ms(latencies.p99)}   ` +
    `max ${ms(latencies.max)}   (${count(latencies.count)} ${noun})`
  );
}

function memoryLines(figures: PhaseFigures): void {
  const { before, after, ready } = figures;
  const rss = after.rss - before.rss;
  const heap = after.heapUsed - before.heapUsed;
  print(
    `  server memory          RSS ${mb(before.rss)} → ${mb(after.rss)} (${kbEach(rss, ready.connected)}), ` +
      `heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} (${kbEach(heap, ready.connected)})`,
  );
}

function cpuLine(figures: PhaseFigures): void {
  const share = (usedMs: number, windowS: number) => `${((usedMs / 1000 / windowS) * 100).toFixed(0)} %`;
  const shares = Object.entries(figures.cpuMs).map(
    ([name, used]) => `${name} ${share(used, figures.cpuSeconds)}`,
  );
  const { cpuMs, cpuWindowMs } = figures.delivery;
  shares.push(`client process ${share(cpuMs, cpuWindowMs / 1000)}`);
  print(`  CPU while publishing   ${shares.join(', ')} (of one core)`);
}

export function printPhase(figures: PhaseFigures): void {
  const { ready, published, delivery } = figures;
  print(`\n${figures.label}`);
  print(
    `  connections            ${count(ready.connected)} of ${count(figures.clients)} ready in ` +
      `${(ready.elapsedMs / 1000).toFixed(1)} s${ready.failed > 0 ? `; ${ready.failed} FAILED: ${ready.reasons.join('; ')}` : ''}`,
  );
  memoryLines(figures);
  print(
    `  published              ${count(published.messages)} agent_thinking messages of ${published.bytes} B in ` +
      `${published.seconds.toFixed(1)} s (${(published.messages / published.seconds).toFixed(1)}/s), ${published.late} began late`,
  );
  print(
    `  delivered              ${count(delivery.received)} of ${count(delivery.expected)} messages ` +
      `(every seq of every followed stream); missing ${delivery.missing}, duplicate ${delivery.duplicates}, ` +
      `out of order ${delivery.outOfOrder}, closed early ${delivery.closedEarly}` +
      (delivery.closeCodes.length > 0 ? ` (codes ${delivery.closeCodes.join(', ')})` : ''),
  );
  print(`  latency, receive − ts (emitted)  ${latencyLine(delivery.fromTs)}`);
  if (delivery.fromReady !== undefined) {
    print(
      `  latency, receive − published (stored in PostgreSQL and Redis)  ${latencyLine(delivery.fromReady)}`,
    );
  }
  cpuLine(figures);
  for (const note of figures.notes) {
    print(`  ${note}`);
  }
}

/** Whether the phase delivered everything it should have (errors, not timings). */
export function deliveryErrors(figures: PhaseFigures): string[] {
  const { ready, delivery } = figures;
  const errors: string[] = [];
  if (ready.failed > 0) {
    errors.push(`${figures.label}: ${ready.failed} of ${figures.clients} connections failed`);
  }
  const broken = delivery.missing + delivery.duplicates + delivery.outOfOrder + delivery.closedEarly;
  if (broken > 0) {
    errors.push(
      `${figures.label}: ${delivery.missing} missing, ${delivery.duplicates} duplicate, ` +
        `${delivery.outOfOrder} out-of-order deliveries, ${delivery.closedEarly} connections closed early`,
    );
  }
  return errors;
}

/**
 * Delivery is measured from the moment a message is published: for the raw server when it sends,
 * for Netra when the event is stored in both tiers and announced (`fromReady`; taken after Redis
 * acknowledged the publish, so it reads up to one Redis round trip low). Emission → receipt also
 * holds the run's durable write, printed above as its own line.
 */
export function printComparison(netra: PhaseFigures, raw: PhaseFigures, targetP99Ms: number): void {
  const delivered = netra.delivery.fromReady ?? netra.delivery.fromTs;
  const ratio = (of: keyof Latencies) => (delivered[of] / raw.delivery.fromTs[of]).toFixed(1);
  const memory = (phase: PhaseFigures) =>
    (phase.after.heapUsed - phase.before.heapUsed) / Math.max(1, phase.ready.connected);
  const memoryRatio =
    memory(netra) > 0 && memory(raw) > 0 ? `×${(memory(netra) / memory(raw)).toFixed(1)}` : 'n/a (a Δ ≤ 0)';
  print(
    `\nNetra / raw ws (published → received): latency p50 ×${ratio('p50')}, p99 ×${ratio('p99')}; ` +
      `heap per connection ${memoryRatio}`,
  );
  const verdict = delivered.p99 < targetP99Ms ? 'PASS' : 'FAIL';
  print(`target: delivery p99 (published → received) < ${targetP99Ms} ms: ${ms(delivered.p99)}   ${verdict}`);
  const endToEnd = netra.delivery.fromTs.p99;
  print(
    `  emitted → received (with the run's PostgreSQL + Redis write): p99 ${ms(endToEnd)}` +
      (endToEnd < targetP99Ms ? '' : ` — over ${targetP99Ms} ms: the durable write's tail, not delivery`),
  );
}
