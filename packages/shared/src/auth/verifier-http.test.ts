import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from './token-contract.js';
import {
  createAccessTokenVerifier,
  introspectionRevocations,
  localJwks,
  remoteJwks,
  TokenVerificationError,
  type AccessTokenVerifier,
} from './verifier.js';

/** remoteJwks refetches on an unknown kid at most once per this window (jose's cooldownDuration). */
const REFETCH_COOLDOWN_MS = 30_000;

interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newKey(): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: 'EdDSA', use: 'sig' } };
}

function sign(key: TestKey, jti: string = randomUUID()): Promise<string> {
  return new SignJWT({ email: 'ada@example.test', name: 'Ada', token_type: 'access' })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject('user-1')
    .setJti(jti)
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(key.privateKey);
}

async function codeOf(verify: AccessTokenVerifier, token: string): Promise<string> {
  const error: unknown = await verify(token).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return error instanceof TokenVerificationError ? error.code : `not rejected: ${String(error)}`;
}

interface Introspection {
  method: string | undefined;
  path: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** A stand-in for the auth service's two verifier-facing endpoints, on a real local port. */
interface FakeAuthService {
  url: string;
  jwks: JSONWebKeySet;
  jwksStatus: number;
  jwksRequests: number;
  introspections: Introspection[];
  introspectAnswer: (jti: string) => { status: number; body: string };
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function answer(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(body);
}

/** Serves the JWKS and the revocation lookup from `state`, recording every request. */
async function handle(
  state: FakeAuthService,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request);
  if (request.url === '/.well-known/jwks.json') {
    state.jwksRequests += 1;
    answer(response, state.jwksStatus, JSON.stringify(state.jwks));
    return;
  }
  const contentType = request.headers['content-type'];
  state.introspections.push({ method: request.method, path: request.url, contentType, body });
  const { jti } = JSON.parse(body) as { jti: string };
  const { status, body: reply } = state.introspectAnswer(jti);
  answer(response, status, reply);
}

async function startFakeAuthService(jwks: JSONWebKeySet): Promise<FakeAuthService> {
  const server = createServer((request, response) => {
    void handle(state, request, response);
  });
  const state: FakeAuthService = {
    url: '',
    jwks,
    jwksStatus: 200,
    jwksRequests: 0,
    introspections: [],
    introspectAnswer: () => ({ status: 200, body: '{"revoked":false}' }),
    close: () => {
      // fetch keeps connections alive; drop them so close() does not wait for their timeout.
      server.closeAllConnections();
      return new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

let keyA: TestKey;
let keyB: TestKey;
let attacker: TestKey;
let service: FakeAuthService;

beforeAll(async () => {
  [keyA, keyB, attacker] = await Promise.all([newKey(), newKey(), newKey()]);
});

beforeEach(async () => {
  service = await startFakeAuthService({ keys: [keyA.publicJwk] });
});

afterEach(async () => {
  vi.useRealTimers();
  await service.close();
});

describe('remoteJwks', () => {
  const remoteVerifier = () =>
    createAccessTokenVerifier({ keys: remoteJwks(`${service.url}/.well-known/jwks.json`) });

  it('fetches the JWKS once and verifies later tokens from the cache', async () => {
    const verify = remoteVerifier();
    await expect(verify(await sign(keyA))).resolves.toMatchObject({ sub: 'user-1' });
    await expect(verify(await sign(keyA))).resolves.toMatchObject({ sub: 'user-1' });
    expect(service.jwksRequests).toBe(1);
  });

  it('shares one fetch between concurrent verifications on a cold cache', async () => {
    const verify = remoteVerifier();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => sign(keyA)));
    await Promise.all(tokens.map((token) => verify(token)));
    expect(service.jwksRequests).toBe(1);
  });

  it('refetches once on an unknown kid and then verifies both the rotated and the previous key', async () => {
    // Only Date is faked: it moves jose's cache clock past the refetch cooldown without waiting.
    vi.useFakeTimers({ toFake: ['Date'] });
    const verify = remoteVerifier();
    await expect(verify(await sign(keyA))).resolves.toBeDefined();
    service.jwks = { keys: [keyB.publicJwk, keyA.publicJwk] };
    vi.setSystemTime(Date.now() + REFETCH_COOLDOWN_MS + 1_000);

    await expect(verify(await sign(keyB))).resolves.toMatchObject({ sub: 'user-1' });
    expect(service.jwksRequests).toBe(2);
    await expect(verify(await sign(keyA))).resolves.toMatchObject({ sub: 'user-1' });
    await expect(verify(await sign(keyB))).resolves.toMatchObject({ sub: 'user-1' });
    expect(service.jwksRequests).toBe(2);
  });

  it('does not let a flood of unknown kids hammer the auth service', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const verify = remoteVerifier();
    await verify(await sign(keyA));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await codeOf(verify, await sign(attacker))).toBe('token_invalid');
    }
    expect(service.jwksRequests).toBe(1);
    vi.setSystemTime(Date.now() + REFETCH_COOLDOWN_MS + 1_000);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await codeOf(verify, await sign(attacker))).toBe('token_invalid');
    }
    expect(service.jwksRequests).toBe(2);
  });

  it('fails closed when the JWKS endpoint answers an error', async () => {
    service.jwksStatus = 503;
    expect(await codeOf(remoteVerifier(), await sign(keyA))).toBe('token_invalid');
    expect(service.jwksRequests).toBe(1);
  });

  it('fails closed when the auth service never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const verify = createAccessTokenVerifier({
        keys: localJwks({ keys: [keyA.publicJwk] }),
        isRevoked: introspectionRevocations(url, fetch, 200),
      });
      const error: unknown = await verify(await sign(keyA)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(TokenVerificationError);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('fails closed when the auth service is unreachable', async () => {
    const verify = remoteVerifier();
    await service.close();
    expect(await codeOf(verify, await sign(keyA))).toBe('token_invalid');
    service = await startFakeAuthService({ keys: [] });
  });
});

describe('introspectionRevocations', () => {
  const revoked = new Set<string>();
  const introspectingVerifier = (base = service.url) =>
    createAccessTokenVerifier({
      keys: localJwks({ keys: [keyA.publicJwk] }),
      isRevoked: introspectionRevocations(base),
    });

  beforeEach(() => {
    revoked.clear();
    service.introspectAnswer = (jti) => ({
      status: 200,
      body: JSON.stringify({ revoked: revoked.has(jti) }),
    });
  });

  it('asks the auth service about the jti and accepts a token it has not revoked', async () => {
    const jti = randomUUID();
    await expect(introspectingVerifier()(await sign(keyA, jti))).resolves.toMatchObject({ jti });
    expect(service.introspections).toEqual([
      {
        method: 'POST',
        path: '/auth/introspect/jti',
        contentType: 'application/json',
        body: `{"jti":"${jti}"}`,
      },
    ]);
  });

  it('rejects a token the auth service reports as revoked', async () => {
    const jti = randomUUID();
    revoked.add(jti);
    expect(await codeOf(introspectingVerifier(`${service.url}/`), await sign(keyA, jti))).toBe(
      'token_revoked',
    );
  });

  it.each([500, 503, 404, 401])('fails closed when the auth service answers %i', async (status) => {
    service.introspectAnswer = () => ({ status, body: '{"error":{"code":"boom"}}' });
    await expect(introspectingVerifier()(await sign(keyA))).rejects.toThrow(
      `revocation check failed: auth service answered ${status}`,
    );
  });

  it.each(['not json', '{}', 'null', '{"revoked":"false"}', '{"revoked":0}'])(
    'fails closed on a 200 answer of %s',
    async (body) => {
      service.introspectAnswer = () => ({ status: 200, body });
      const error: unknown = await introspectingVerifier()(await sign(keyA)).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(TokenVerificationError);
    },
  );

  it('fails closed when the auth service never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const verify = createAccessTokenVerifier({
        keys: localJwks({ keys: [keyA.publicJwk] }),
        isRevoked: introspectionRevocations(url, fetch, 200),
      });
      const error: unknown = await verify(await sign(keyA)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(TokenVerificationError);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('fails closed when the auth service is unreachable', async () => {
    const verify = introspectingVerifier();
    await service.close();
    await expect(verify(await sign(keyA))).rejects.toThrow();
    service = await startFakeAuthService({ keys: [] });
  });
});
