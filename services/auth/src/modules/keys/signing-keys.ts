import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { z } from 'zod';
import { ACCESS_TOKEN_ALGORITHM } from '@netra/shared';

/** One Ed25519 signing key: the private half signs, the public half is published in the JWKS. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** The current key signs; the previous one stays in the JWKS so tokens it signed keep verifying. */
export interface KeyRing {
  current: SigningKey;
  previous: SigningKey | undefined;
  jwks(): JSONWebKeySet;
}

const privateJwkSchema = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string(),
    d: z.string(),
    kid: z.string().optional(),
  })
  .loose();
const keyFileSchema = z.object({ current: privateJwkSchema, previous: privateJwkSchema.optional() });
type StoredKeys = z.infer<typeof keyFileSchema>;

export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk) };
}

async function toSigningKey(jwk: z.infer<typeof privateJwkSchema>): Promise<SigningKey> {
  const publicPart = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  const kid = jwk.kid ?? (await calculateJwkThumbprint(publicPart));
  // WebCrypto's own errors ("Invalid keyData") do not say which key is wrong.
  const imported = await importJWK({ ...jwk, kid }, ACCESS_TOKEN_ALGORITHM).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SigningKeyError(`key ${kid} is not a valid Ed25519 private key (${reason})`);
  });
  if (imported instanceof Uint8Array) {
    throw new SigningKeyError(`key ${kid} is not an asymmetric signing key`);
  }
  const privateKey = imported;
  return { kid, privateKey, publicJwk: { ...publicPart, kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' } };
}

async function toKeyRing(stored: StoredKeys): Promise<KeyRing> {
  const current = await toSigningKey(stored.current);
  const previous = stored.previous === undefined ? undefined : await toSigningKey(stored.previous);
  // Verifiers pick the key by kid; two keys under one kid would make every token fail to verify.
  if (previous?.kid === current.kid) {
    throw new SigningKeyError(`the current and previous keys share the kid ${current.kid}`);
  }
  const keys = previous === undefined ? [current.publicJwk] : [current.publicJwk, previous.publicJwk];
  return { current, previous, jwks: () => ({ keys }) };
}

function parseStored(text: string, source: string): StoredKeys {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SigningKeyError(`${source} is not valid JSON`);
  }
  const parsed = keyFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SigningKeyError(`${source} must hold {"current": <Ed25519 private JWK>, "previous"?: <JWK>}`);
  }
  return parsed.data;
}

/** The development key file under the data directory. */
export function devKeyFile(dataDir: string): string {
  return join(dataDir, 'auth', 'signing-keys.json');
}

function writeKeyFile(file: string, stored: StoredKeys): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Keys from configuration (staging/production), validated at start. */
export async function keyRingFromConfig(json: string): Promise<KeyRing> {
  return toKeyRing(parseStored(json, 'AUTH_SIGNING_KEYS'));
}

/** Development keys: read from the data directory, generated (and persisted) on first start. */
export async function devKeyRing(file: string): Promise<KeyRing> {
  if (!existsSync(file)) {
    writeKeyFile(file, { current: privateJwkSchema.parse(await newPrivateJwk()) });
  }
  return toKeyRing(parseStored(readFileSync(file, 'utf8'), file));
}

async function rotated(existing: StoredKeys | undefined): Promise<StoredKeys> {
  const current = privateJwkSchema.parse(await newPrivateJwk());
  return existing === undefined ? { current } : { current, previous: existing.current };
}

/** Rotates the development keys: a new current key, the old current kept as previous. */
export async function rotateDevKeys(file: string): Promise<KeyRing> {
  const existing = existsSync(file) ? parseStored(readFileSync(file, 'utf8'), file) : undefined;
  const stored = await rotated(existing);
  writeKeyFile(file, stored);
  return toKeyRing(stored);
}

/** A new AUTH_SIGNING_KEYS value; the current key of `previousJson` (the old value) becomes the previous one. */
export async function generateKeySet(previousJson?: string): Promise<string> {
  const existing = previousJson === undefined ? undefined : parseStored(previousJson, 'the previous key set');
  return JSON.stringify(await rotated(existing));
}
