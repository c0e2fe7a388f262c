import type { Logger } from '@netra/shared/server';
import type { WebSocket } from 'ws';
import type { GuardDependencies } from '#platform/http/current-user.js';
import { asRefusal, CLOSE_AUTH_FAILED, ConnectionRefused } from './ws.auth.js';

/** What the watches use of a socket. */
export type WatchedSocket = Pick<WebSocket, 'close' | 'on' | 'ping' | 'terminate'>;

/** setTimeout's longest delay; a later expiry is re-armed when it is reached. */
const MAX_TIMER_MS = 2_147_483_647;

function every(socket: WatchedSocket, ms: number, tick: () => void): void {
  const timer = setInterval(tick, ms);
  timer.unref();
  socket.on('close', () => {
    clearInterval(timer);
  });
}

/**
 * Drops a connection whose peer stopped answering (a sleeping laptop, a dead proxy), so its feeds
 * stop; the client reconnects and resumes with `subscribe_run {after_seq}`.
 */
export function keepAlive(socket: WatchedSocket, heartbeatMs: number): void {
  let answered = true;
  socket.on('pong', () => {
    answered = true;
  });
  every(socket, heartbeatMs, () => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  });
}

export interface TokenWatch {
  guard: GuardDependencies;
  token: string;
  expiresAt: number;
  /** How often the token is verified again, so a logout (revocation) ends the connection. */
  recheckMs: number;
  logger: Logger;
}

function closeAtExpiry(socket: WatchedSocket, expiresAt: number): void {
  const wait = expiresAt - Date.now();
  const timer = setTimeout(
    () => {
      if (Date.now() < expiresAt) {
        closeAtExpiry(socket, expiresAt);
        return;
      }
      socket.close(CLOSE_AUTH_FAILED, 'authentication failed: token_expired');
    },
    Math.min(Math.max(wait, 0), MAX_TIMER_MS),
  );
  timer.unref();
  socket.on('close', () => {
    clearTimeout(timer);
  });
}

/**
 * Keeps a connection only as long as its token holds: closed with 1008 when the token expires, and
 * when a periodic check finds it revoked (logout). A check that fails for another reason (the
 * revocation store is unreachable) keeps the connection and is logged; the next check decides.
 */
export function watchToken(socket: WatchedSocket, watch: TokenWatch): void {
  closeAtExpiry(socket, watch.expiresAt);
  every(socket, watch.recheckMs, () => {
    watch.guard.verify(watch.token).catch((error: unknown) => {
      const refusal = asRefusal(error);
      if (refusal instanceof ConnectionRefused) {
        socket.close(refusal.code, refusal.message);
        return;
      }
      watch.logger.warn({ err: error }, 'websocket token could not be checked again');
    });
  });
}
