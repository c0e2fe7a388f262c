import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccessTokenVerifier, localJwks } from '@netra/shared/auth';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { issueAccessToken } from '#modules/sessions/access-token.js';
import {
  devKeyFile,
  devKeyRing,
  keyRingFromConfig,
  rotateDevKeys,
  SigningKeyError,
  type KeyRing,
} from './signing-keys.js';

const dirs: string[] = [];

function tempKeyFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'netra-signing-keys-'));
  dirs.push(dir);
  return devKeyFile(dir);
}

afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function privateJwk(alg: 'EdDSA' | 'RS256' | 'ES256' = 'EdDSA'): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return exportJWK(privateKey);
}

/** Other OKP curves, which jose cannot generate but an operator could paste. */
function okpJwk(type: 'ed448' | 'x25519'): Promise<JWK> {
  const { privateKey } = type === 'ed448' ? generateKeyPairSync('ed448') : generateKeyPairSync('x25519');
  return Promise.resolve(privateKey.export({ format: 'jwk' }) as JWK);
}

/** Signs with `signer`'s current key and verifies against `verifier`'s published JWKS. */
async function verifiesAcross(signer: KeyRing, verifier: KeyRing): Promise<boolean> {
  const issued = await issueAccessToken(signer, { id: 'user-1', email: 'a@example.test', name: 'A' }, 900);
  const verify = createAccessTokenVerifier({ keys: localJwks(verifier.jwks()) });
  return verify(issued.token).then(
    () => true,
    () => false,
  );
}

async function keyError(json: string): Promise<SigningKeyError> {
  const error: unknown = await keyRingFromConfig(json).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(SigningKeyError);
  return error as SigningKeyError;
}

describe('development key file', () => {
  it('is generated on first start with mode 0600 and reused on the next start', async () => {
    const file = tempKeyFile();
    const first = await devKeyRing(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await devKeyRing(file);
    expect(second.current.kid).toBe(first.current.kid);
    expect(second.jwks()).toEqual(first.jwks());
    expect(second.previous).toBeUndefined();
    expect(await verifiesAcross(first, second)).toBe(true);
  });

  it('rotation keeps the old current key as previous and the JWKS serves both', async () => {
    const file = tempKeyFile();
    const before = await devKeyRing(file);
    const after = await rotateDevKeys(file);
    expect(after.current.kid).not.toBe(before.current.kid);
    expect(after.previous?.kid).toBe(before.current.kid);
    expect(after.jwks().keys.map((key) => key.kid)).toEqual([after.current.kid, before.current.kid]);
    expect(await verifiesAcross(before, after)).toBe(true);
    expect(await verifiesAcross(after, after)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const restarted = await devKeyRing(file);
    expect(restarted.jwks()).toEqual(after.jwks());
  });

  it('a second rotation retires the oldest key', async () => {
    const file = tempKeyFile();
    const oldest = await devKeyRing(file);
    await rotateDevKeys(file);
    const latest = await rotateDevKeys(file);
    expect(latest.jwks().keys.map((key) => key.kid)).not.toContain(oldest.current.kid);
    expect(await verifiesAcross(oldest, latest)).toBe(false);
  });

  it('rotating without a key file starts a ring with no previous key', async () => {
    const ring = await rotateDevKeys(tempKeyFile());
    expect(ring.previous).toBeUndefined();
    expect(ring.jwks().keys).toHaveLength(1);
  });

  it('names the file when it is corrupt', async () => {
    const file = tempKeyFile();
    await devKeyRing(file);
    writeFileSync(file, '{"current":');
    await expect(devKeyRing(file)).rejects.toThrow(new SigningKeyError(`${file} is not valid JSON`));
  });
});

describe('AUTH_SIGNING_KEYS', () => {
  it('loads a current and a previous key, keeping a configured kid', async () => {
    const current = { ...(await privateJwk()), kid: 'key-2025-06' };
    const previous = await privateJwk();
    const ring = await keyRingFromConfig(JSON.stringify({ current, previous }));
    expect(ring.current.kid).toBe('key-2025-06');
    expect(ring.previous?.kid).toMatch(/^[\w-]{43}$/);
    expect(await verifiesAcross(ring, ring)).toBe(true);
  });

  it.each([
    ['not JSON', 'not json', 'AUTH_SIGNING_KEYS is not valid JSON'],
    ['empty', '', 'AUTH_SIGNING_KEYS is not valid JSON'],
    ['without a current key', '{}', 'AUTH_SIGNING_KEYS must hold'],
    ['a bare JWK', 'BARE', 'AUTH_SIGNING_KEYS must hold'],
    ['a list of keys', '[]', 'AUTH_SIGNING_KEYS must hold'],
  ])('refuses a value that is %s', async (_case, value, message) => {
    const json = value === 'BARE' ? JSON.stringify(await privateJwk()) : value;
    expect((await keyError(json)).message).toContain(message);
  });

  it.each([
    ['an RSA key', () => privateJwk('RS256')],
    ['an EC P-256 key', () => privateJwk('ES256')],
    ['an Ed448 key', () => okpJwk('ed448')],
    ['an X25519 key', () => okpJwk('x25519')],
    ['an HMAC secret', () => Promise.resolve({ kty: 'oct', k: 'c2VjcmV0' })],
    ['a public key only', async () => ({ ...(await privateJwk()), d: undefined })],
  ])('refuses %s as the current key', async (_case, jwk) => {
    const error = await keyError(JSON.stringify({ current: await jwk() }));
    expect(error.message).toContain('AUTH_SIGNING_KEYS must hold');
  });

  it.each([
    ['malformed key material', (jwk: JWK) => ({ ...jwk, x: 'abc', d: 'def' })],
    ['a public half from another key', (jwk: JWK, other: JWK) => ({ ...jwk, x: other.x })],
    ['an empty private part', (jwk: JWK) => ({ ...jwk, d: '' })],
  ])('refuses %s with a SigningKeyError that never echoes the secret', async (_case, corrupt) => {
    const jwk = corrupt(await privateJwk(), await privateJwk());
    const error = await keyError(JSON.stringify({ current: { ...jwk, kid: 'broken' } }));
    expect(error.message).toMatch(/^key broken is not a valid Ed25519 private key/);
    const secret = jwk.d ?? '';
    if (secret !== '') {
      expect(error.message).not.toContain(secret);
    }
  });

  it('refuses a previous key that shares the current kid', async () => {
    const current = await privateJwk();
    expect((await keyError(JSON.stringify({ current, previous: current }))).message).toContain(
      'share the kid',
    );
    const clash = { current: { ...current, kid: 'k' }, previous: { ...(await privateJwk()), kid: 'k' } };
    expect((await keyError(JSON.stringify(clash))).message).toContain('share the kid k');
  });

  it('never echoes key material in its errors', async () => {
    const current = { ...(await privateJwk()), crv: 'X25519' };
    const error = await keyError(JSON.stringify({ current }));
    expect(error.message).not.toContain(String(current.d));
  });
});

describe('published JWKS', () => {
  it('holds only public Ed25519 signing keys: never d or any other private member', async () => {
    const file = tempKeyFile();
    await devKeyRing(file);
    const ring = await rotateDevKeys(file);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { current: JWK; previous: JWK };
    const published = JSON.stringify(ring.jwks());
    for (const secret of [stored.current.d, stored.previous.d]) {
      expect(secret).toBeTruthy();
      expect(published).not.toContain(String(secret));
    }
    for (const key of ring.jwks().keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    }
  });
});
