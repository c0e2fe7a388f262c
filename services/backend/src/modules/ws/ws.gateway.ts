import websocket from '@fastify/websocket';
import { AppError } from '@netra/shared';
import type { BaseServiceConfig } from '@netra/shared/http';
import { buildCorsPolicy, defaultCorsOrigins, type CorsPolicy, type Logger } from '@netra/shared/server';
import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify';
import type { WebSocket } from 'ws';
import type { GuardDependencies, OrgPrincipal } from '#platform/http/current-user.js';
import {
  authenticateUpgrade,
  CLOSE_AUTH_FAILED,
  CLOSE_NOT_READY,
  ConnectionRefused,
  selectProtocol,
} from './ws.auth.js';
import { ConnectionLimits } from './connection-limits.js';
import { WsSession, type SessionDeps, type SessionSocket } from './ws-session.js';

/** What the gateway uses of an upgraded socket. */
type GatewaySocket = SessionSocket & Pick<WebSocket, 'close' | 'on' | 'ping' | 'terminate'>;

/** The largest inbound frame: a chat message of the longest allowed text with room for its envelope. */
const MAX_INBOUND_BYTES = 256 * 1024;

export interface GatewayDeps {
  guard: GuardDependencies;
  session: SessionDeps;
  config: BaseServiceConfig;
  logger: Logger;
  /** How often each connection is pinged; one that missed the previous pong is dropped. */
  heartbeatMs: number;
  /** Open connections one user may hold on this instance; more are closed with 1008. */
  maxConnectionsPerUser: number;
}

/**
 * Drops a connection whose peer stopped answering (a sleeping laptop, a dead proxy), so its feeds
 * stop; the client reconnects and resumes with `subscribe_run {after_seq}`.
 */
function keepAlive(socket: GatewaySocket, heartbeatMs: number): void {
  let answered = true;
  socket.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, heartbeatMs);
  timer.unref();
  socket.on('close', () => {
    clearInterval(timer);
  });
}

/** The same origins as the app's CORS: a page elsewhere cannot open a socket with a user's token. */
function originPolicy(config: BaseServiceConfig): CorsPolicy {
  const { values, environment } = config;
  return buildCorsPolicy({
    environment,
    origins: defaultCorsOrigins(values.CORS_ORIGINS, values.FRONTEND_URL, environment),
    credentials: true,
  });
}

function refuse(socket: GatewaySocket, error: unknown, logger: Logger): void {
  if (error instanceof ConnectionRefused) {
    socket.close(error.code, error.message);
    return;
  }
  logger.warn({ err: error }, 'websocket connection could not be set up');
  socket.close(CLOSE_NOT_READY, 'server not ready');
}

/**
 * Accepts one upgraded connection. Frames that arrive while the token is being checked wait in
 * order (a listener must be attached at once, or they are lost) and are handled once it is open.
 */
function accept(
  deps: GatewayDeps,
  limits: ConnectionLimits,
  socket: GatewaySocket,
  request: FastifyRequest,
): void {
  const early: string[] = [];
  let session: WsSession | undefined;
  socket.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    if (session === undefined) {
      early.push(text);
      return;
    }
    void session.receive(text);
  });
  socket.on('close', () => session?.close());
  keepAlive(socket, deps.heartbeatMs);
  authenticateUpgrade(deps.guard, request).then(
    (actor) => {
      if (admitted(limits, socket, actor)) {
        session = openSession(deps.session, socket, actor, early);
      }
    },
    (error: unknown) => {
      refuse(socket, error, deps.logger);
    },
  );
}

/** Takes one of the user's connection slots until the socket closes; closes it with 1008 when they have none. */
function admitted(limits: ConnectionLimits, socket: GatewaySocket, actor: OrgPrincipal): boolean {
  if (socket.readyState !== socket.OPEN) {
    return false;
  }
  const release = limits.acquire(actor.userId);
  if (release === undefined) {
    socket.close(CLOSE_AUTH_FAILED, 'too many connections');
    return false;
  }
  socket.on('close', release);
  return true;
}

/** Greets the client and handles the frames it sent while its token was checked, in order. */
function openSession(
  deps: SessionDeps,
  socket: GatewaySocket,
  actor: OrgPrincipal,
  early: string[],
): WsSession | undefined {
  if (socket.readyState !== socket.OPEN) {
    return undefined;
  }
  const session = new WsSession(deps, socket, actor);
  session.open();
  for (const text of early.splice(0)) {
    void session.receive(text);
  }
  return session;
}

/** Refuses, before the upgrade, a page whose origin the CORS list does not allow. */
function rejectForeignOrigin(origins: CorsPolicy): preValidationHookHandler {
  return (request, _reply, next) => {
    const origin = request.headers.origin;
    if (origin !== undefined && !origins.allows(origin)) {
      next(new AppError(403, 'forbidden_origin', 'This origin may not open a WebSocket'));
      return;
    }
    next();
  };
}

/**
 * `/ws` (ARCHITECTURE §4.3). Browsers authenticate with the `jwt-auth` + `jwt.<token>` subprotocols,
 * other clients with `Authorization: Bearer`; `?org_id=` names the organization the connection acts
 * in. A page from an origin outside the CORS list is refused before the upgrade (403).
 */
export function registerWebSocketGateway(app: FastifyInstance, deps: GatewayDeps): void {
  const limits = new ConnectionLimits(deps.maxConnectionsPerUser);
  void app.register(websocket, {
    options: {
      maxPayload: MAX_INBOUND_BYTES,
      handleProtocols: (offered) => selectProtocol(offered),
    },
  });
  void app.register((scope, _options, done) => {
    scope.get(
      '/ws',
      {
        websocket: true,
        schema: { hide: true },
        preValidation: rejectForeignOrigin(originPolicy(deps.config)),
      },
      (socket, request) => {
        accept(deps, limits, socket, request);
      },
    );
    done();
  });
}
