import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Ingestion keys look like `nk_<prefix>_<secret>`: the prefix finds the key, the secret proves it. */
export const API_KEY_PATTERN = /^nk_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeyParts {
  prefix: string;
  key: string;
}

/** A new key: a 10-character lookup prefix and 256 random bits. */
export function newApiKey(): ApiKeyParts {
  const prefix = randomBytes(8).toString('hex').slice(0, 10);
  const key = `nk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { prefix, key };
}

/** The prefix of a well-formed key, or undefined. */
export function apiKeyPrefix(key: string): string | undefined {
  return API_KEY_PATTERN.exec(key)?.[1];
}

/** SHA-256 of the key: enough for 256-bit random secrets, and lookups stay fast. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Compares a presented key with a stored hash in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
