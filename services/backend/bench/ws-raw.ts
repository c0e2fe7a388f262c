/**
 * The WebSocket bench's baseline: a plain `ws` server (no auth, no stores, no gateway) in the same
 * process role as the backend, whose connections name a stream (`/?stream=<id>`); it broadcasts each
 * stream's messages — shaped and sized like the gateway's `agent_thinking` events, `ts` included — to
 * that stream's connections on the same steady schedule as the bench pipeline. What Netra adds on top
 * of this floor is the cost of its delivery path.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { sleepUntil, thinkingText, type SteadyPublication } from './ws-pipeline.js';

export interface RawServer {
  url: string;
  /** Broadcasts every stream's messages; resolves once the last one is sent. */
  publish(streams: readonly string[], publication: SteadyPublication, startAt: number): Promise<RawPublished>;
  close(): Promise<void>;
}

export interface RawPublished {
  messages: number;
  /** Sends that began more than one interval late. */
  late: number;
  /** Bytes of one message. */
  messageBytes: number;
}

function streamOf(url: string | undefined): string {
  return new URL(url ?? '/', 'http://raw').searchParams.get('stream') ?? '';
}

/** The same fields as a stored run event (run-event-log.ts), so the JSON has the same size. */
function eventText(stream: string, threadId: string, seq: number): string {
  return JSON.stringify({
    type: 'agent_thinking',
    payload: { text: thinkingText(seq) },
    ts: new Date().toISOString(),
    run_id: stream,
    thread_id: threadId,
    agent: 'reporting',
    seq,
  });
}

async function broadcast(
  sockets: ReadonlySet<WebSocket>,
  stream: string,
  publication: SteadyPublication,
  firstAt: number,
): Promise<{ late: number; bytes: number }> {
  const threadId = randomUUID();
  let late = 0;
  let bytes = 0;
  for (let seq = 0; seq < publication.eventsPerRun; seq += 1) {
    const due = firstAt + seq * publication.intervalMs;
    await sleepUntil(due);
    late += performance.now() - due > publication.intervalMs ? 1 : 0;
    const text = eventText(stream, threadId, seq);
    bytes = Buffer.byteLength(text);
    for (const socket of sockets) {
      socket.send(text);
    }
  }
  return { late, bytes };
}

/** Keeps each stream's open connections, as named by their URL. */
function followersByStream(server: WebSocketServer): Map<string, Set<WebSocket>> {
  const streams = new Map<string, Set<WebSocket>>();
  server.on('connection', (socket, request) => {
    const stream = streamOf(request.url);
    const followers = streams.get(stream) ?? new Set<WebSocket>();
    streams.set(stream, followers);
    followers.add(socket);
    socket.on('close', () => {
      followers.delete(socket);
    });
  });
  return streams;
}

async function publishAll(
  streams: ReadonlyMap<string, Set<WebSocket>>,
  names: readonly string[],
  publication: SteadyPublication,
  startAt: number,
): Promise<RawPublished> {
  const sent = await Promise.all(
    names.map((name, slot) => {
      const firstAt = startAt + (slot / names.length) * publication.intervalMs;
      return broadcast(streams.get(name) ?? new Set(), name, publication, firstAt);
    }),
  );
  return {
    messages: names.length * publication.eventsPerRun,
    late: sent.reduce((sum, stream) => sum + stream.late, 0),
    messageBytes: sent[0]?.bytes ?? 0,
  };
}

function closeServer(server: WebSocketServer): Promise<void> {
  return new Promise((resolve) => {
    for (const socket of server.clients) {
      socket.terminate();
    }
    server.close(() => {
      resolve();
    });
  });
}

export async function startRawServer(): Promise<RawServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const streams = followersByStream(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    publish: (names, publication, startAt) => publishAll(streams, names, publication, startAt),
    close: () => closeServer(server),
  };
}
