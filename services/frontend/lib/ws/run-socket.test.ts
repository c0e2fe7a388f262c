/**
 * Unit tests of the browser WebSocket client against a real `ws` server as its peer: the token
 * rides in the subprotocols, a followed run is resumed on every new connection with
 * `subscribe_run {after_seq: <last seq seen>}`, duplicate and older seqs never reach listeners,
 * 1008 refreshes the token before reconnecting, and the connection state is observable.
 */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ClientMessage, RunEvent, ServerMessage } from '@netra/shared/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunCursor } from './run-followers';
import { RunSocket, type ConnectionState, type NetworkStatus, type SocketLike } from './run-socket';
import { socketProtocols, socketUrl } from './socket-address';

/** One accepted connection as the server sees it. */
interface PeerConnection {
  socket: WebSocket;
  protocols: string[];
  received: ClientMessage[];
  nextMessage: () => Promise<ClientMessage>;
}

let server: WebSocketServer;
let connections: PeerConnection[];
let waiting: ((connection: PeerConnection) => void)[];
let client: RunSocket | undefined;

function accept(socket: WebSocket, protocols: string[]): void {
  const received: ClientMessage[] = [];
  const readers: ((message: ClientMessage) => void)[] = [];
  const connection: PeerConnection = {
    socket,
    protocols,
    received,
    nextMessage: () =>
      new Promise((resolve) => {
        const queued = received.shift();
        if (queued === undefined) {
          readers.push(resolve);
        } else {
          resolve(queued);
        }
      }),
  };
  socket.on('message', (data: RawData) => {
    const message = JSON.parse(Buffer.from(data as Buffer).toString('utf8')) as ClientMessage;
    const reader = readers.shift();
    if (reader === undefined) {
      received.push(message);
    } else {
      reader(message);
    }
  });
  connections.push(connection);
  waiting.shift()?.(connection);
}

/** The next connection the server accepts (or the one already accepted and not yet taken). */
function nextConnection(index: number): Promise<PeerConnection> {
  const existing = connections[index];
  return existing !== undefined ? Promise.resolve(existing) : new Promise((resolve) => waiting.push(resolve));
}

beforeEach(async () => {
  connections = [];
  waiting = [];
  server = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    handleProtocols: (offered) => (offered.has('jwt-auth') ? 'jwt-auth' : false),
  });
  server.on('connection', (socket, request) => {
    const offered = request.headers['sec-websocket-protocol'] ?? '';
    accept(
      socket,
      offered.split(',').map((protocol) => protocol.trim()),
    );
  });
  await new Promise((resolve) => server.once('listening', resolve));
});

afterEach(async () => {
  client?.close();
  client = undefined;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

const ts = new Date().toISOString();

function established(connection: PeerConnection, id: string): void {
  const message: ServerMessage = {
    type: 'connection_established',
    payload: { connection_id: id, user_id: 'u1' },
    ts,
  };
  connection.socket.send(JSON.stringify(message));
}

function sendEvents(connection: PeerConnection, runId: string, seqs: number[], last?: 'run_completed'): void {
  for (const seq of seqs) {
    const event: RunEvent =
      last !== undefined && seq === seqs.at(-1)
        ? { type: 'run_completed', payload: {}, ts, run_id: runId, thread_id: 't1', agent: 'reporting', seq }
        : {
            type: 'agent_thinking',
            payload: { text: `step ${seq}` },
            ts,
            run_id: runId,
            thread_id: 't1',
            agent: 'triage',
            seq,
          };
    connection.socket.send(JSON.stringify(event));
  }
}

/** A network status the test switches, like the browser's online / offline events. */
function fakeNetwork(): NetworkStatus & { set: (online: boolean) => void } {
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  return {
    online: () => online,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (next) => {
      online = next;
      listeners.forEach((listener) => {
        listener(next);
      });
    },
  };
}

/** Starts the client with `tokens` handed out one per refresh; records its connection states. */
function startClient(tokens: string[], network: NetworkStatus | null = null) {
  let token = tokens.shift()!;
  const states: ConnectionState[] = [];
  const port = (server.address() as AddressInfo).port;
  const created = new RunSocket({
    url: socketUrl(`http://127.0.0.1:${port}`, '00000000-0000-4000-8000-000000000001'),
    getToken: () => token,
    refreshToken: () => {
      token = tokens.shift() ?? token;
      return Promise.resolve(token);
    },
    createSocket: (url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike,
    backoff: { baseMs: 5, maxMs: 20 },
    network,
  });
  created.subscribe(() => {
    const { state } = created.snapshot();
    if (states.at(-1) !== state) {
      states.push(state);
    }
  });
  client = created;
  return { client: created, states };
}

/** A run listener that records the seqs it got and can wait until one arrived. */
function recorder() {
  const seqs: number[] = [];
  const waiters = new Set<() => void>();
  return {
    seqs,
    onEvent: (event: RunEvent) => {
      seqs.push(event.seq);
      waiters.forEach((check) => {
        check();
      });
    },
    upTo: (seq: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (seqs.includes(seq)) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
      }),
  };
}

function waitForState(socket: RunSocket, state: ConnectionState): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (socket.snapshot().state === state) {
        stop();
        resolve();
      }
    };
    const stop = socket.subscribe(check);
    check();
  });
}

describe('RunSocket', () => {
  it('authenticates with the token subprotocol and addresses the organization', async () => {
    startClient(['token-é']).client.connect();
    const connection = await nextConnection(0);
    expect(connection.protocols).toEqual(socketProtocols('token-é'));
    expect(connection.protocols[1]).toBe(`jwt.${Buffer.from('token-é').toString('base64url')}`);
    expect(connection.socket.protocol).toBe('jwt-auth');
  });

  it('resumes each followed run after its last seq and drops duplicate and older seqs', async () => {
    const { client: socket, states } = startClient(['t1']);
    const listener = recorder();
    socket.follow('run-1', listener.onEvent);
    socket.connect();
    const first = await nextConnection(0);
    established(first, 'c1');
    expect(await first.nextMessage()).toEqual({ type: 'subscribe_run', payload: { run_id: 'run-1' } });
    sendEvents(first, 'run-1', [0, 1, 1, 2, 0]);
    await listener.upTo(2);

    first.socket.close(1012, 'server restarting: reconnect');
    const second = await nextConnection(1);
    established(second, 'c2');
    expect(await second.nextMessage()).toEqual({
      type: 'subscribe_run',
      payload: { run_id: 'run-1', after_seq: 2 },
    });
    // The replay overlaps what was delivered before the drop.
    sendEvents(second, 'run-1', [1, 2, 3, 4], 'run_completed');
    await listener.upTo(4);

    expect(listener.seqs).toEqual([0, 1, 2, 3, 4]);
    expect(socket.lastSeq('run-1')).toBe(4);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('replays a run for a listener that joins late, holding a live event that overtook the replay', async () => {
    const { client: socket } = startClient(['t1']);
    socket.connect();
    const connection = await nextConnection(0);
    await waitForState(socket, 'open');
    const early = recorder();
    socket.follow('run-3', early.onEvent);
    expect(await connection.nextMessage()).toEqual({ type: 'subscribe_run', payload: { run_id: 'run-3' } });
    sendEvents(connection, 'run-3', [0, 1, 2]);
    await early.upTo(2);

    const late = recorder();
    socket.follow('run-3', late.onEvent);
    expect(await connection.nextMessage()).toEqual({ type: 'subscribe_run', payload: { run_id: 'run-3' } });
    // A live event of the old feed arrives before the new feed's replay from the start.
    sendEvents(connection, 'run-3', [3, 0, 1, 2, 3, 4]);
    await late.upTo(4);
    await early.upTo(4);
    expect(late.seqs).toEqual([0, 1, 2, 3, 4]);
    expect(early.seqs).toEqual([0, 1, 2, 3, 4]);
  });

  it('refreshes the token after 1008 and reconnects with the new one, still resuming', async () => {
    const { client: socket } = startClient(['old', 'new']);
    socket.connect();
    const first = await nextConnection(0);
    established(first, 'c1');
    await waitForState(socket, 'open');
    socket.follow('run-2', recorder().onEvent, 6);
    expect(await first.nextMessage()).toEqual({
      type: 'subscribe_run',
      payload: { run_id: 'run-2', after_seq: 6 },
    });

    first.socket.close(1008, 'authentication failed: token_expired');
    const second = await nextConnection(1);
    expect(second.protocols).toEqual(socketProtocols('new'));
    expect(await second.nextMessage()).toEqual({
      type: 'subscribe_run',
      payload: { run_id: 'run-2', after_seq: 6 },
    });
  });

  it('reconnects after an abnormal drop and does not resume a run that ended', async () => {
    const { client: socket } = startClient(['t1']);
    const ended = recorder();
    socket.follow('ended', ended.onEvent);
    socket.follow('live', recorder().onEvent);
    socket.connect();
    const first = await nextConnection(0);
    sendEvents(first, 'ended', [0, 1], 'run_completed');
    sendEvents(first, 'live', [0]);
    await ended.upTo(1);
    first.socket.terminate();

    const second = await nextConnection(1);
    established(second, 'c2');
    expect(await second.nextMessage()).toEqual({
      type: 'subscribe_run',
      payload: { run_id: 'live', after_seq: 0 },
    });
    // Had the ended run been resumed too, its subscription would come before this ping.
    await waitForState(socket, 'open');
    expect(socket.send({ type: 'ping', payload: {} })).toBe(true);
    expect(await second.nextMessage()).toEqual({ type: 'ping', payload: {} });
  });

  it('stops resuming a run once nobody follows it', async () => {
    const { client: socket } = startClient(['t1']);
    const stop = socket.follow('gone', recorder().onEvent);
    socket.follow('kept', recorder().onEvent, 3);
    stop();
    socket.connect();
    const connection = await nextConnection(0);
    expect(await connection.nextMessage()).toEqual({
      type: 'subscribe_run',
      payload: { run_id: 'kept', after_seq: 3 },
    });
    await waitForState(socket, 'open');
    socket.send({ type: 'ping', payload: {} });
    expect(await connection.nextMessage()).toEqual({ type: 'ping', payload: {} });
  });

  it('drops the socket when the browser goes offline and resumes at once when it is back', async () => {
    const network = fakeNetwork();
    const { client: socket, states } = startClient(['t1'], network);
    const listener = recorder();
    socket.follow('run-5', listener.onEvent);
    socket.connect();
    const first = await nextConnection(0);
    established(first, 'c1');
    expect(await first.nextMessage()).toEqual({ type: 'subscribe_run', payload: { run_id: 'run-5' } });
    sendEvents(first, 'run-5', [0, 1]);
    await listener.upTo(1);
    const closed = new Promise((resolve) => first.socket.once('close', resolve));
    network.set(false);
    expect(socket.snapshot().state).toBe('offline');
    await closed;
    // Offline, connect() waits for the network instead of trying.
    socket.connect();
    expect(connections).toHaveLength(1);
    network.set(true);
    const second = await nextConnection(1);
    established(second, 'c2');
    expect(await second.nextMessage()).toEqual({
      type: 'subscribe_run',
      payload: { run_id: 'run-5', after_seq: 1 },
    });
    sendEvents(second, 'run-5', [2, 3]);
    await listener.upTo(3);
    expect(listener.seqs).toEqual([0, 1, 2, 3]);
    expect(states).toEqual(['connecting', 'open', 'offline', 'reconnecting', 'open']);
  });

  it('waits for the network when it starts offline', async () => {
    const network = fakeNetwork();
    network.set(false);
    const { client: socket } = startClient(['t1'], network);
    socket.connect();
    expect(socket.snapshot().state).toBe('offline');
    network.set(true);
    await nextConnection(0);
    await waitForState(socket, 'open');
  });

  it('stops for good on 1003 and on close()', async () => {
    const { client: socket, states } = startClient(['t1']);
    socket.connect();
    (await nextConnection(0)).socket.close(1003, 'unsupported subprotocol');
    await waitForState(socket, 'closed');
    expect(socket.snapshot()).toMatchObject({ state: 'closed', lastClose: { code: 1003 } });
    expect(socket.snapshot().error).not.toBeNull();
    expect(states).toEqual(['connecting', 'open', 'closed']);
    expect(socket.send({ type: 'ping', payload: {} })).toBe(false);
  });
});

describe('RunCursor', () => {
  it('hands over each seq once, in order, holding early ones until the gap fills', () => {
    const seqs: number[] = [];
    const cursor = new RunCursor(undefined, (event) => seqs.push(event.seq));
    const event = (seq: number): RunEvent => ({
      type: 'agent_thinking',
      payload: { text: '' },
      ts,
      run_id: 'r',
      thread_id: 't',
      agent: 'a',
      seq,
    });
    for (const seq of [0, 1, 5, 2, 3, 1, 4, 5, 0]) {
      cursor.offer(event(seq));
    }
    expect(seqs).toEqual([0, 1, 2, 3, 4, 5]);

    const resumed: number[] = [];
    const after = new RunCursor(7, (next) => resumed.push(next.seq));
    [6, 7, 9, 8].forEach((seq) => {
      after.offer(event(seq));
    });
    expect(resumed).toEqual([8, 9]);
    expect(after.position).toBe(9);
  });
});
