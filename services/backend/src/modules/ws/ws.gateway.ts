import websocket from '@fastify/websocket';
import { AppError } from '@netra/shared';
import type { BaseServiceConfig } from '@netra/shared/http';
import { buildCorsPolicy, defaultCorsOrigins, type CorsPolicy, type Logger } from '@netra/shared/server';
import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify';
import { WS_CLOSE } from '@netra/shared/contracts';
import type { HotStore } from '@netra/shared/redis';
import type { Registry } from 'prom-client';
import type { WebSocket } from 'ws';
import type { RunsService } from '#modules/runs/runs.service.js';
import type { ThreadsService } from '#modules/threads/threads.service.js';
import type { GuardDependencies, OrgPrincipal } from '#platform/http/current-user.js';
import {
  authenticateUpgrade,
  CLOSE_AUTH_FAILED,
  CLOSE_NOT_READY,
  ConnectionRefused,
  selectProtocol,
} from './ws.auth.js';
import { ConnectionLimits } from './connection-limits.js';
import { keepAlive, watchToken } from './connection-watch.js';
import { RunFanout } from './run-fanout.js';
import { wsMetricsOf } from './ws.metrics.js';
import { WsSession, type SessionDeps, type SessionSocket } from './ws-session.js';

/** What the gateway uses of an upgraded socket. */
type GatewaySocket = SessionSocket & Pick<WebSocket, 'close' | 'on' | 'ping' | 'terminate'>;

/** The largest inbound frame: a chat message of the longest allowed text with room for its envelope. */
const MAX_INBOUND_BYTES = 256 * 1024;

export interface GatewayLimits {
  /** How often each connection is pinged; one that missed the previous pong is dropped. */
  heartbeatMs: number;
  /** Open connections one user may hold on this instance; more are closed with 1008. */
  maxConnectionsPerUser: number;
  /** Bytes waiting to be sent on one connection beyond which its client is dropped (1013). */
  maxBufferedBytes: number;
  /** How often an open connection's token is verified again (a logout closes it with 1008). */
  authRecheckMs: number;
}

export interface GatewayDeps {
  guard: GuardDependencies;
  runs: RunsService;
  threads: ThreadsService;
  /** The hot store whose channels carry runs' live events between instances. */
  hot: HotStore;
  metrics: Registry;
  config: BaseServiceConfig;
  logger: Logger;
  limits: GatewayLimits;
}

/** What shutdown uses of the WebSocket server. */
interface ClientRegistry {
  readonly clients: Iterable<Pick<WebSocket, 'close'>>;
  close(callback: () => void): void;
}

/** What one instance's gateway shares between its connections. */
interface Gateway {
  deps: GatewayDeps;
  session: SessionDeps;
  limits: ConnectionLimits;
  sessions: Set<WsSession>;
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
function accept(gateway: Gateway, socket: GatewaySocket, request: FastifyRequest): void {
  const { deps } = gateway;
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
  socket.on('close', () => {
    if (session !== undefined) {
      session.close();
      gateway.sessions.delete(session);
      gateway.session.metrics.closed();
    }
  });
  keepAlive(socket, deps.limits.heartbeatMs);
  authenticateUpgrade(deps.guard, request).then(
    (identity) => {
      if (!admitted(gateway.limits, socket, identity.actor)) {
        return;
      }
      watchToken(socket, {
        ...identity,
        guard: deps.guard,
        recheckMs: deps.limits.authRecheckMs,
        logger: deps.logger,
      });
      session = openSession(gateway, socket, identity.actor, early);
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
  gateway: Gateway,
  socket: GatewaySocket,
  actor: OrgPrincipal,
  early: string[],
): WsSession {
  const session = new WsSession(gateway.session, socket, actor);
  gateway.sessions.add(session);
  gateway.session.metrics.opened();
  session.open();
  for (const text of early.splice(0)) {
    void session.receive(text);
  }
  return session;
}

/**
 * On shutdown every client is told to reconnect (1012): its feeds stop here, and it resumes on
 * another instance (or this one, restarted) with `subscribe_run {after_seq}`.
 */
function closeForRestart(gateway: Gateway, server: ClientRegistry, done: () => void): void {
  for (const session of gateway.sessions) {
    session.close();
  }
  for (const client of server.clients) {
    client.close(WS_CLOSE.restarting, 'server restarting: reconnect');
  }
  server.close(() => {
    done();
  });
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
  const gateway: Gateway = {
    deps,
    limits: new ConnectionLimits(deps.limits.maxConnectionsPerUser),
    sessions: new Set(),
    session: {
      runs: deps.runs,
      threads: deps.threads,
      fanout: new RunFanout(deps.hot),
      metrics: wsMetricsOf(deps.metrics),
      maxBufferedBytes: deps.limits.maxBufferedBytes,
    },
  };
  void app.register(websocket, {
    options: {
      maxPayload: MAX_INBOUND_BYTES,
      handleProtocols: (offered) => selectProtocol(offered),
    },
    preClose(done) {
      const server: ClientRegistry = this.websocketServer;
      closeForRestart(gateway, server, done);
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
        accept(gateway, socket, request);
      },
    );
    done();
  });
}
