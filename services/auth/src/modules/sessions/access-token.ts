import { SignJWT } from 'jose';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, newId } from '@netra/shared';
import type { KeyRing } from '#modules/keys/signing-keys.js';

export interface AccessTokenSubject {
  id: string;
  email: string;
  name: string;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresAt: Date;
  expiresInS: number;
}

/** Signs a §4.4 access token with the current key; `kid` names the key for verifiers. */
export async function issueAccessToken(
  keys: KeyRing,
  subject: AccessTokenSubject,
  ttlS: number,
  now: Date = new Date(),
): Promise<IssuedAccessToken> {
  const jti = newId();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ email: subject.email, name: subject.name, token_type: 'access' })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: keys.current.kid, typ: 'JWT' })
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject(subject.id)
    .setJti(jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlS)
    .sign(keys.current.privateKey);
  return { token, jti, expiresAt: new Date((issuedAt + ttlS) * 1000), expiresInS: ttlS };
}
