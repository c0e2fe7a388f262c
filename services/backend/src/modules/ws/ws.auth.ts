import type { FastifyRequest } from 'fastify';
import { bearerToken, TokenVerificationError } from '@netra/shared/auth';
import { WS_CLOSE } from '@netra/shared/contracts';
import type { GuardDependencies, OrgPrincipal } from '#platform/http/current-user.js';
import { isUuid } from '#platform/http/uuid.js';

/** The subprotocol a browser offers to authenticate; the only one the server ever echoes for auth. */
export const AUTH_PROTOCOL = 'jwt-auth';
/** A browser carries its access token as the subprotocol `jwt.<base64url(token)>`. */
const TOKEN_PROTOCOL_PREFIX = 'jwt.';

export const CLOSE_UNSUPPORTED_PROTOCOL = WS_CLOSE.unsupportedProtocol;
export const CLOSE_AUTH_FAILED = WS_CLOSE.authFailed;
export const CLOSE_NOT_READY = WS_CLOSE.notReady;

/** Why a connection is refused: the close code and a short reason (never the token). */
export class ConnectionRefused extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** The subprotocols the client offered, in order. */
export function offeredProtocols(request: FastifyRequest): string[] {
  const header = request.headers['sec-websocket-protocol'];
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
  return joined
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '');
}

/**
 * The subprotocol the handshake answers with. `jwt-auth` when offered; otherwise another one the
 * client offered (never a token), so the handshake completes and the client can read the 1003 close —
 * a client whose offer is not echoed fails the handshake without learning why.
 */
export function selectProtocol(offered: Iterable<string>): string | false {
  const protocols = [...offered];
  if (protocols.includes(AUTH_PROTOCOL)) {
    return AUTH_PROTOCOL;
  }
  return protocols.find((protocol) => !protocol.startsWith(TOKEN_PROTOCOL_PREFIX)) ?? false;
}

/** The access token of the upgrade request: the `jwt.` subprotocol, else `Authorization: Bearer`. */
function tokenOf(request: FastifyRequest, offered: readonly string[]): string {
  const carried = offered.find((protocol) => protocol.startsWith(TOKEN_PROTOCOL_PREFIX));
  if (carried !== undefined) {
    return Buffer.from(carried.slice(TOKEN_PROTOCOL_PREFIX.length), 'base64url').toString('utf8');
  }
  return bearerToken(request.headers.authorization);
}

function orgIdOf(request: FastifyRequest): string {
  const query = request.query as { org_id?: unknown } | undefined;
  return typeof query?.org_id === 'string' ? query.org_id : '';
}

/** A refusal for a token the verifier rejects; other failures (a store down) pass through. */
export function asRefusal(error: unknown): unknown {
  return error instanceof TokenVerificationError
    ? new ConnectionRefused(CLOSE_AUTH_FAILED, `authentication failed: ${error.code}`)
    : error;
}

async function verifiedPrincipal(deps: GuardDependencies, token: string) {
  try {
    const claims = await deps.verify(token);
    const principal = { userId: claims.sub, email: claims.email, name: claims.name, tokenId: claims.jti };
    return { principal, expiresAt: claims.exp * 1000 };
  } catch (error) {
    throw asRefusal(error);
  }
}

/** Who a connection acts for, and the token that says so (checked again while it is open). */
export interface UpgradeIdentity {
  actor: OrgPrincipal;
  token: string;
  /** When the token expires (ms since the epoch): the connection is closed then. */
  expiresAt: number;
}

/**
 * Who the connection acts for, checked like a REST request (same verifier, revocations included),
 * inside the organization named by `?org_id=`, which the user must belong to.
 */
export async function authenticateUpgrade(
  deps: GuardDependencies,
  request: FastifyRequest,
): Promise<UpgradeIdentity> {
  const offered = offeredProtocols(request);
  if (offered.length > 0 && !offered.includes(AUTH_PROTOCOL)) {
    throw new ConnectionRefused(CLOSE_UNSUPPORTED_PROTOCOL, `offer the ${AUTH_PROTOCOL} subprotocol`);
  }
  const token = tokenOf(request, offered);
  const { principal, expiresAt } = await verifiedPrincipal(deps, token);
  await deps.onAuthenticated(principal);
  const orgId = orgIdOf(request);
  const role = isUuid(orgId) ? await deps.roleOf(principal.userId, orgId) : undefined;
  if (role === undefined) {
    throw new ConnectionRefused(CLOSE_AUTH_FAILED, 'organization not found');
  }
  return { actor: { ...principal, orgId, role }, token, expiresAt };
}
