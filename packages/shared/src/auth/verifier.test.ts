import { createHmac, randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryHotStore } from '#redis/memory-hot-store.js';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from './token-contract.js';
import {
  bearerToken,
  createAccessTokenVerifier,
  hotStoreRevocations,
  localJwks,
  revokedTokenKey,
  TokenVerificationError,
  type AccessTokenVerifier,
  type TokenRejection,
} from './verifier.js';

type Algorithm = 'EdDSA' | 'RS256' | 'ES256';

interface TestKey {
  alg: Algorithm;
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

async function newKey(alg: Algorithm): Promise<TestKey> {
  const options = alg === 'EdDSA' ? { crv: 'Ed25519', extractable: true } : { extractable: true };
  const { privateKey, publicKey } = await generateKeyPair(alg, options);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { alg, kid, privateKey, publicKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
}

const nowS = (): number => Math.floor(Date.now() / 1000);

/** The claims the auth service puts in every access token, valid for 15 minutes from now. */
function goodClaims(overrides: Record<string, unknown> = {}): JWTPayload {
  const iat = nowS();
  return {
    iss: ACCESS_TOKEN_ISSUER,
    aud: ACCESS_TOKEN_AUDIENCE,
    sub: 'user-1',
    email: 'ada@example.test',
    name: 'Ada',
    jti: randomUUID(),
    iat,
    exp: iat + 900,
    token_type: 'access',
    ...overrides,
  };
}

function withoutClaim(claim: string): JWTPayload {
  const claims: Record<string, unknown> = { ...goodClaims() };
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the point is to drop one claim
  delete claims[claim];
  return claims;
}

function sign(key: TestKey, claims: JWTPayload = goodClaims(), header: Record<string, unknown> = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT assembled by hand, as an attacker would, with an HMAC-SHA256 signature under `secret`. */
function hmacToken(secret: Buffer | string, kid: string): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64(goodClaims())}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** An EdDSA token signed over an arbitrary header, bypassing the header checks jose applies when signing. */
async function signRaw(key: TestKey, header: Record<string, unknown>): Promise<string> {
  const input = `${b64({ alg: 'EdDSA', kid: key.kid, ...header })}.${b64(goodClaims())}`;
  const signature = await crypto.subtle.sign('Ed25519', key.privateKey, Buffer.from(input));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

function replacePart(token: string, index: number, part: string): string {
  const parts = token.split('.');
  parts[index] = part;
  return parts.join('.');
}

async function rejection(verify: AccessTokenVerifier, token: string): Promise<TokenRejection> {
  const error: unknown = await verify(token).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TokenVerificationError)) {
    throw new Error(`expected a TokenVerificationError, got ${String(error)}`);
  }
  return error.code;
}

let trusted: TestKey;
let previous: TestKey;
let rsa: TestKey;
let ec: TestKey;
let attacker: TestKey;
let jwks: JSONWebKeySet;
let verify: AccessTokenVerifier;

beforeAll(async () => {
  [trusted, previous, rsa, ec, attacker] = await Promise.all([
    newKey('EdDSA'),
    newKey('EdDSA'),
    newKey('RS256'),
    newKey('ES256'),
    newKey('EdDSA'),
  ]);
  // RSA and EC keys are published too, so their tokens fail on the algorithm, not on a missing key.
  jwks = { keys: [trusted.publicJwk, previous.publicJwk, rsa.publicJwk, ec.publicJwk] };
  verify = createAccessTokenVerifier({ keys: localJwks(jwks) });
});

describe('createAccessTokenVerifier: good tokens', () => {
  it('accepts a token signed by a published Ed25519 key and returns its claims', async () => {
    const claims = goodClaims();
    await expect(verify(await sign(trusted, claims))).resolves.toEqual(claims);
  });

  it('accepts tokens signed by the previous key while it is still published', async () => {
    await expect(verify(await sign(previous))).resolves.toMatchObject({ sub: 'user-1' });
  });

  it('accepts an audience list that includes the platform', async () => {
    const token = await sign(trusted, goodClaims({ aud: ['other', ACCESS_TOKEN_AUDIENCE] }));
    await expect(verify(token)).resolves.toMatchObject({ aud: ['other', ACCESS_TOKEN_AUDIENCE] });
  });

  it('tolerates a few seconds of clock skew on exp', async () => {
    const token = await sign(trusted, goodClaims({ iat: nowS() - 900, exp: nowS() - 2 }));
    await expect(verify(token)).resolves.toMatchObject({ sub: 'user-1' });
  });
});

describe('createAccessTokenVerifier: time claims', () => {
  it('rejects an expired token as token_expired', async () => {
    const token = await sign(trusted, goodClaims({ iat: nowS() - 1000, exp: nowS() - 100 }));
    expect(await rejection(verify, token)).toBe('token_expired');
  });

  it('honours a stricter clock tolerance', async () => {
    const strict = createAccessTokenVerifier({ keys: localJwks(jwks), clockToleranceS: 0 });
    const token = await sign(trusted, goodClaims({ iat: nowS() - 900, exp: nowS() - 2 }));
    expect(await rejection(strict, token)).toBe('token_expired');
  });

  it('reports a forged expired token as invalid: the signature is checked before any claim', async () => {
    const token = await sign(attacker, goodClaims({ exp: nowS() - 100 }), { kid: trusted.kid });
    expect(await rejection(verify, token)).toBe('token_invalid');
  });

  it('rejects a token that is not valid yet (nbf in the future)', async () => {
    const token = await sign(trusted, goodClaims({ nbf: nowS() + 600 }));
    expect(await rejection(verify, token)).toBe('token_invalid');
  });

  it('rejects a token issued far in the future', async () => {
    const token = await sign(trusted, goodClaims({ iat: nowS() + 3600, exp: nowS() + 4500 }));
    expect(await rejection(verify, token)).toBe('token_invalid');
  });

  it.each([
    ['exp', { exp: String(nowS() + 900) }],
    ['iat', { iat: 'yesterday' }],
  ])('rejects a non-numeric %s', async (_claim, overrides) => {
    expect(await rejection(verify, await sign(trusted, goodClaims(overrides)))).toBe('token_invalid');
  });
});

describe('createAccessTokenVerifier: issuer, audience and claims', () => {
  it.each([
    ['another audience', { aud: 'other-platform' }],
    ['an audience list without the platform', { aud: ['other-platform'] }],
    ['an empty audience list', { aud: [] }],
    ['another issuer', { iss: 'evil-auth-service' }],
    ['an issuer that only looks alike', { iss: `${ACCESS_TOKEN_ISSUER} ` }],
    ['a refresh token type', { token_type: 'refresh' }],
    ['a differently cased token type', { token_type: 'Access' }],
    ['a numeric subject', { sub: 42 }],
    ['an empty subject', { sub: '' }],
    ['an empty jti', { jti: '' }],
  ])('rejects %s', async (_case, overrides) => {
    expect(await rejection(verify, await sign(trusted, goodClaims(overrides)))).toBe('token_invalid');
  });

  it.each(['sub', 'jti', 'exp', 'iat', 'iss', 'aud', 'email', 'name', 'token_type'])(
    'rejects a token without %s',
    async (claim) => {
      expect(await rejection(verify, await sign(trusted, withoutClaim(claim)))).toBe('token_invalid');
    },
  );
});

describe('createAccessTokenVerifier: forged and tampered tokens', () => {
  it.each(['none', 'None', 'NONE'])('rejects an unsigned token with alg %s', async (alg) => {
    const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(goodClaims())}.`;
    expect(await rejection(verify, unsigned)).toBe('token_invalid');
    const good = await sign(trusted);
    expect(await rejection(verify, replacePart(good, 0, b64({ alg, kid: trusted.kid })))).toBe(
      'token_invalid',
    );
  });

  it('rejects HS256 tokens keyed with the public key (algorithm confusion)', async () => {
    const x = trusted.publicJwk.x ?? '';
    const secrets = [
      Buffer.from(x, 'base64url'),
      x,
      await exportSPKI(trusted.publicKey),
      JSON.stringify(trusted.publicJwk),
    ];
    for (const secret of secrets) {
      expect(await rejection(verify, hmacToken(secret, trusted.kid))).toBe('token_invalid');
    }
  });

  it('rejects RS256 and ES256 tokens even from keys in the JWKS', async () => {
    expect(await rejection(verify, await sign(rsa))).toBe('token_invalid');
    expect(await rejection(verify, await sign(ec))).toBe('token_invalid');
  });

  it('rejects a token whose payload was changed after signing', async () => {
    const token = await sign(trusted);
    const tampered = replacePart(token, 1, b64(goodClaims({ sub: 'admin' })));
    expect(await rejection(verify, tampered)).toBe('token_invalid');
  });

  it('rejects a token whose signature was changed', async () => {
    const token = await sign(trusted);
    const signature = Buffer.from(token.split('.')[2] ?? '', 'base64url');
    signature[0] = (signature[0] ?? 0) ^ 1;
    expect(await rejection(verify, replacePart(token, 2, signature.toString('base64url')))).toBe(
      'token_invalid',
    );
  });

  it('rejects a token whose header kid was changed', async () => {
    const token = await sign(trusted);
    for (const kid of [previous.kid, 'unknown-kid']) {
      const header = b64({ alg: 'EdDSA', kid, typ: 'JWT' });
      expect(await rejection(verify, replacePart(token, 0, header))).toBe('token_invalid');
    }
  });

  it('rejects a token signed by a key that is not in the JWKS, whatever kid it names', async () => {
    expect(await rejection(verify, await sign(attacker))).toBe('token_invalid');
    expect(await rejection(verify, await sign(attacker, goodClaims(), { kid: trusted.kid }))).toBe(
      'token_invalid',
    );
  });

  it('ignores a key embedded in the token header (jwk / jku)', async () => {
    const header = { jwk: attacker.publicJwk, jku: 'http://127.0.0.1:1/jwks.json' };
    expect(await rejection(verify, await sign(attacker, goodClaims(), header))).toBe('token_invalid');
  });

  it('rejects a token with an unknown critical header', async () => {
    await expect(verify(await signRaw(trusted, {}))).resolves.toMatchObject({ sub: 'user-1' });
    const token = await signRaw(trusted, { crit: ['x-netra'], 'x-netra': true });
    expect(await rejection(verify, token)).toBe('token_invalid');
  });
});

describe('createAccessTokenVerifier: malformed input', () => {
  it('reports an empty token as token_missing', async () => {
    expect(await rejection(verify, '')).toBe('token_missing');
  });

  it('rejects garbage as token_invalid', async () => {
    const good = await sign(trusted);
    const garbage = [
      ' ',
      'garbage',
      'a.b.c',
      '..',
      'a.b',
      `Bearer ${good}`,
      `${good}.`,
      `${good}.e30.e30`,
      replacePart(good, 0, 'not-json'),
      replacePart(good, 1, Buffer.from('not json').toString('base64url')),
      replacePart(good, 1, b64(['an', 'array'])),
      'x'.repeat(100_000),
    ];
    for (const token of garbage) {
      expect(await rejection(verify, token), token.slice(0, 40)).toBe('token_invalid');
    }
  });
});

describe('createAccessTokenVerifier: revocation', () => {
  it('rejects a revoked jti as token_revoked and accepts the others', async () => {
    const revoked = goodClaims();
    const isRevoked = vi.fn((jti: string) => Promise.resolve(jti === revoked.jti));
    const checked = createAccessTokenVerifier({ keys: localJwks(jwks), isRevoked });
    expect(await rejection(checked, await sign(trusted, revoked))).toBe('token_revoked');
    expect(isRevoked).toHaveBeenCalledWith(revoked.jti);
    await expect(checked(await sign(trusted))).resolves.toMatchObject({ sub: 'user-1' });
  });

  it('never asks about the jti of a token that fails verification', async () => {
    const isRevoked = vi.fn(() => Promise.resolve(false));
    const checked = createAccessTokenVerifier({ keys: localJwks(jwks), isRevoked });
    expect(await rejection(checked, await sign(attacker))).toBe('token_invalid');
    expect(isRevoked).not.toHaveBeenCalled();
  });

  it('fails closed when the revocation check fails', async () => {
    const outage = new Error('hot store unreachable');
    const checked = createAccessTokenVerifier({
      keys: localJwks(jwks),
      isRevoked: () => Promise.reject(outage),
    });
    await expect(checked(await sign(trusted))).rejects.toBe(outage);
  });

  describe('hotStoreRevocations', () => {
    const hot = new MemoryHotStore('netra:test:auth:');
    afterAll(() => hot.close());

    it('reads the revocation marks the auth service writes', async () => {
      const claims = goodClaims();
      const checked = createAccessTokenVerifier({
        keys: localJwks(jwks),
        isRevoked: hotStoreRevocations(hot),
      });
      const token = await sign(trusted, claims);
      await expect(checked(token)).resolves.toMatchObject({ jti: claims.jti });
      await hot.set(revokedTokenKey(String(claims.jti)), '1', 60_000);
      expect(await rejection(checked, token)).toBe('token_revoked');
    });
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['BEARER abc', 'abc'],
    ['Bearer   abc', 'abc'],
    ['Bearer\tabc', 'abc'],
    [undefined, ''],
    ['', ''],
    ['Bearer', ''],
    ['Bearer ', ''],
    ['Basic dXNlcjpwYXNz', ''],
    ['abc.def.ghi', ''],
    ['Bearer abc def', ''],
    [' Bearer abc', ''],
    ['Bearerabc', ''],
  ])('reads %j as %j', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});
