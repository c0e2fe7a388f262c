/**
 * `/ws` on the backend's Prometheus registry (`GET /metrics`): open connections, messages each way
 * by type, how long a run event took from being emitted to being handed to a socket, and the
 * connections dropped for reading too slowly.
 * @module
 */
import { oncePerRegistry } from '#platform/http/metrics.js';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface WsMetrics {
  opened(): void;
  closed(): void;
  received(type: string): void;
  sent(type: string): void;
  /** A run event reached a socket `seconds` after it was emitted (its `ts`). */
  delivered(seconds: number): void;
  droppedSlow(): void;
}

const DELIVERY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

function createWsMetrics(registry: Registry): WsMetrics {
  const registers = [registry];
  const connections = new Gauge({
    name: 'netra_ws_connections',
    help: 'Open /ws connections on this instance',
    registers,
  });
  const received = new Counter({
    name: 'netra_ws_messages_received_total',
    help: '/ws messages received from clients, by type (invalid: not a valid client message)',
    labelNames: ['type'] as const,
    registers,
  });
  const sent = new Counter({
    name: 'netra_ws_messages_sent_total',
    help: '/ws messages sent to clients, by type',
    labelNames: ['type'] as const,
    registers,
  });
  const delivery = new Histogram({
    name: 'netra_ws_delivery_seconds',
    help: 'Time from a run event being emitted to its being sent on a /ws connection',
    buckets: DELIVERY_BUCKETS,
    registers,
  });
  const slow = new Counter({
    name: 'netra_ws_slow_clients_dropped_total',
    help: '/ws connections closed because their send buffer passed WS_MAX_BUFFERED_BYTES',
    registers,
  });
  return {
    opened: () => {
      connections.inc();
    },
    closed: () => {
      connections.dec();
    },
    received: (type) => {
      received.inc({ type });
    },
    sent: (type) => {
      sent.inc({ type });
    },
    delivered: (seconds) => {
      delivery.observe(seconds);
    },
    droppedSlow: () => {
      slow.inc();
    },
  };
}

/** The metrics of a registry, created with it once. */
export const wsMetricsOf = oncePerRegistry(createWsMetrics);
