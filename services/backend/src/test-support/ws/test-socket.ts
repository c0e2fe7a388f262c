import { serverMessageSchema, type ServerMessage } from '@netra/shared/contracts';
import WebSocket from 'ws';

const WAIT_MS = 60_000;

/** How a test opens the socket: a token as the browser sends it, as a header, or nothing. */
export interface SocketAuth {
  token?: string;
  via?: 'subprotocol' | 'header';
  protocols?: string[];
  origin?: string;
  /** false: the client never answers the server's pings (a peer that went away silently). */
  autoPong?: boolean;
}

/** A real `ws` client of `/ws` that records every server message, validated by the contract. */
export class TestSocket {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.messages.push(serverMessageSchema.parse(JSON.parse(data.toString('utf8'))));
      for (const wake of this.waiters) {
        wake();
      }
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString('utf8') });
      });
    });
  }

  static open(baseUrl: string, orgId: string, auth: SocketAuth): TestSocket {
    const url = `${baseUrl.replace(/^http/, 'ws')}/ws?org_id=${encodeURIComponent(orgId)}`;
    const token = auth.token === undefined ? [] : [`jwt.${Buffer.from(auth.token).toString('base64url')}`];
    const protocols = auth.protocols ?? (auth.via === 'header' ? [] : ['jwt-auth', ...token]);
    const headers: Record<string, string> = {};
    if (auth.via === 'header' && auth.token !== undefined) {
      headers.authorization = `Bearer ${auth.token}`;
    }
    if (auth.origin !== undefined) {
      headers.origin = auth.origin;
    }
    return new TestSocket(new WebSocket(url, protocols, { headers, autoPong: auth.autoPong ?? true }));
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first recorded message (from `from` on) that `match` accepts; waits for it to arrive. */
  async next<T extends ServerMessage>(match: (message: ServerMessage) => message is T, from = 0): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found !== undefined) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`no matching message; got ${JSON.stringify(this.messages.map((m) => m.type))}`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
        setTimeout(wake, 500);
      });
    }
  }

  /** Waits for a message of `type`. */
  nextOf<K extends ServerMessage['type']>(type: K, from = 0) {
    return this.next(
      (message): message is Extract<ServerMessage, { type: K }> => message.type === type,
      from,
    );
  }

  /** Waits until `condition` holds over the recorded messages. */
  async until(what: string, condition: (messages: ServerMessage[]) => boolean): Promise<void> {
    await this.next((_message): _message is ServerMessage => condition(this.messages)).catch(() => {
      throw new Error(`timed out waiting for ${what}`);
    });
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }
}
