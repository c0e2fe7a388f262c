/**
 * The browser's WebSocket to the backend (`/ws?org_id=`, ARCHITECTURE §4.3): one per tab and
 * organization. It authenticates with the token subprotocol, validates every server message with
 * `serverMessageSchema`, reconnects with exponential backoff, and on every new connection resumes
 * each followed run after the last seq its listeners got — so a run's listener (`follow`) sees each
 * event once, in seq order, across drops. Close codes (`WS_CLOSE`): 1008 refreshes the token before reconnecting,
 * 1003 is final, anything else (1011, 1012, 1013, 1006 abnormal) reconnects.
 * @module
 */
import {
  serverMessageSchema,
  WS_CLOSE,
  type ClientMessage,
  type RunEvent,
  type ServerMessage,
} from '@netra/shared/contracts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../browser/backoff';
import { RunCursor, RunFollowers } from './run-followers';
import { socketProtocols } from './socket-address';

/** `offline`: the browser reports no network; the socket waits for it and then resumes at once. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'offline' | 'closed';

/** What the connection indicator shows; a new object on every change. */
export interface ConnectionSnapshot {
  state: ConnectionState;
  /** Connections tried since the last one that was established. */
  attempt: number;
  lastClose: { code: number; reason: string } | null;
  /** Why the socket stopped for good (state `closed` not asked for by `close()`). */
  error: string | null;
}

/** The part of the DOM WebSocket used here (the `ws` package's client has it too). */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

/** Whether the browser has a network, and when that changes (`online` / `offline` events). */
export interface NetworkStatus {
  online(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

export interface RunSocketOptions {
  /** From `socketUrl(backendUrl, organizationId)`. */
  url: string;
  getToken: () => string | null;
  /** A fresh access token after a 1008 close, or null when the session is over. */
  refreshToken: () => Promise<string | null>;
  createSocket?: SocketFactory;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Consecutive 1008 closes (each after a refresh) before giving up. */
  maxAuthFailures?: number;
  /** The browser's network status (the window's events by default; none outside a browser). */
  network?: NetworkStatus | null;
}

type Listener<T> = (value: T) => void;

// The DOM's handler types take Event subclasses; SocketLike only reads `data`, `code` and `reason`.
const browserSocket: SocketFactory = (url, protocols) =>
  new WebSocket(url, protocols) as unknown as SocketLike;

function browserNetwork(): NetworkStatus | null {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') {
    return null;
  }
  return {
    online: () => navigator.onLine,
    subscribe: (listener) => {
      const online = () => {
        listener(true);
      };
      const offline = () => {
        listener(false);
      };
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      return () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
      };
    },
  };
}

/** The close code the client uses for a socket it drops because the network went away. */
const OFFLINE_CLOSE = 4000;

function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') {
    return null;
  }
  try {
    const parsed = serverMessageSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Run events are the messages that carry a seq (the schema already validated them). */
function asRunEvent(message: ServerMessage): RunEvent | null {
  return 'seq' in message ? message : null;
}

export class RunSocket {
  private socket: SocketLike | null = null;
  private info: ConnectionSnapshot = { state: 'idle', attempt: 0, lastClose: null, error: null };
  private readonly followers = new RunFollowers();
  private readonly messageListeners = new Set<Listener<ServerMessage>>();
  private readonly stateListeners = new Set<() => void>();
  private authFailures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private unwatchNetwork: (() => void) | null = null;
  private readonly network: NetworkStatus | null;

  constructor(private readonly options: RunSocketOptions) {
    this.network = options.network === undefined ? browserNetwork() : options.network;
  }

  /** Opens the connection (no-op when already open, opening or waiting for the network). */
  connect(): void {
    if (this.socket !== null || this.retryTimer !== null || this.info.state === 'offline') {
      return;
    }
    this.stopped = false;
    this.watchNetwork();
    this.open();
  }

  /** Closes for good: no reconnect until `connect()` again. */
  close(): void {
    this.stopped = true;
    this.unwatchNetwork?.();
    this.unwatchNetwork = null;
    this.clearRetry();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'client closed');
    this.setState({ state: 'closed', error: null });
  }

  /**
   * Follows a run: `onEvent` gets every event after `afterSeq` (from the run's start without it;
   * pass the last seq a screen already holds, e.g. from `GET …/runs/{id}/events`), each once, in
   * seq order, across reconnects. Returns the function that stops following.
   */
  follow(runId: string, onEvent: Listener<RunEvent>, afterSeq?: number): () => void {
    const cursor = new RunCursor(afterSeq, onEvent);
    const subscribe = this.followers.add(runId, cursor);
    if (subscribe !== null && this.info.state === 'open') {
      this.transmit(subscribe);
    }
    return () => {
      this.followers.remove(runId, cursor);
    };
  }

  /** The highest seq received for a run. */
  lastSeq(runId: string): number | undefined {
    return this.followers.lastSeq(runId);
  }

  /** Sends a client message; false when the socket is not open (the screen shows the state). */
  send(message: ClientMessage): boolean {
    if (this.info.state !== 'open') {
      return false;
    }
    this.transmit(message);
    return true;
  }

  /**
   * Every validated server message as it arrives (run events too, which a replay may repeat; use
   * `follow` for a run's events once each, in order).
   */
  onMessage(listener: Listener<ServerMessage>): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  readonly snapshot = (): ConnectionSnapshot => this.info;

  /**
   * A socket whose network went away may not notice for minutes; when the browser says it is
   * offline the socket is dropped and the client waits, and it reconnects (and resumes each run
   * after its last seq) as soon as the browser is online again, without waiting out a backoff.
   */
  private watchNetwork(): void {
    if (this.network === null || this.unwatchNetwork !== null) {
      return;
    }
    this.unwatchNetwork = this.network.subscribe((online) => {
      if (online) {
        this.onOnline();
      } else {
        this.onOffline();
      }
    });
  }

  private onOffline(): void {
    if (this.stopped) {
      return;
    }
    this.clearRetry();
    const socket = this.socket;
    this.socket = null;
    socket?.close(OFFLINE_CLOSE, 'browser offline');
    this.setState({ state: 'offline', lastClose: { code: OFFLINE_CLOSE, reason: 'browser offline' } });
  }

  private onOnline(): void {
    if (this.stopped || this.info.state !== 'offline') {
      return;
    }
    this.setState({ attempt: 0 });
    this.open();
  }

  private open(): void {
    if (this.network?.online() === false) {
      this.setState({ state: 'offline' });
      return;
    }
    const token = this.options.getToken();
    if (token === null) {
      this.setState({ state: 'closed', error: 'Not signed in' });
      return;
    }
    this.setState({ state: this.info.lastClose === null ? 'connecting' : 'reconnecting', error: null });
    const socket = (this.options.createSocket ?? browserSocket)(this.options.url, socketProtocols(token));
    this.socket = socket;
    socket.onopen = () => {
      this.onOpen(socket);
    };
    socket.onmessage = (event) => {
      this.onFrame(socket, event.data);
    };
    socket.onclose = (event) => {
      this.onClose(socket, event.code, event.reason);
    };
    socket.onerror = () => undefined; // a close event always follows; that is where we act
  }

  private onOpen(socket: SocketLike): void {
    if (socket !== this.socket) {
      return;
    }
    this.setState({ state: 'open' });
    for (const message of this.followers.resumeMessages()) {
      this.transmit(message);
    }
  }

  private onFrame(socket: SocketLike, data: unknown): void {
    const message = socket === this.socket ? parseServerMessage(data) : null;
    if (message === null) {
      return;
    }
    if (message.type === 'connection_established') {
      this.authFailures = 0;
      this.setState({ attempt: 0 });
    }
    const event = asRunEvent(message);
    if (event !== null) {
      this.followers.accept(event);
    }
    for (const listener of this.messageListeners) {
      listener(message);
    }
  }

  private onClose(socket: SocketLike, code: number, reason: string): void {
    if (socket !== this.socket) {
      return;
    }
    this.socket = null;
    this.setState({ lastClose: { code, reason } });
    if (this.stopped) {
      this.setState({ state: 'closed' });
    } else if (code === WS_CLOSE.unsupportedProtocol) {
      this.setState({ state: 'closed', error: 'The server refused the connection protocol' });
    } else if (code === WS_CLOSE.authFailed) {
      void this.reauthenticate(reason);
    } else {
      this.scheduleReconnect();
    }
  }

  private async reauthenticate(reason: string): Promise<void> {
    this.authFailures += 1;
    if (this.authFailures > (this.options.maxAuthFailures ?? 3)) {
      this.setState({ state: 'closed', error: `Authentication failed: ${reason || 'refused'}` });
      return;
    }
    this.setState({ state: 'reconnecting' });
    const token = await this.options.refreshToken();
    if (this.stopped) {
      return;
    }
    if (token === null) {
      this.setState({ state: 'closed', error: 'The session ended; sign in again' });
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = backoffDelay(
      this.info.attempt,
      this.options.backoff ?? DEFAULT_BACKOFF,
      this.options.random,
    );
    this.setState({ state: 'reconnecting', attempt: this.info.attempt + 1 });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) {
        this.open();
      }
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  private transmit(message: ClientMessage): void {
    this.socket?.send(JSON.stringify(message));
  }

  private setState(change: Partial<ConnectionSnapshot>): void {
    this.info = { ...this.info, ...change };
    for (const listener of this.stateListeners) {
      listener();
    }
  }
}
