import { z } from 'zod';
import type { AuthHotRepository } from '#platform/stores/hot.repository.js';

/** A started login must come back within this long (the time a person may spend at the provider). */
export const PENDING_LOGIN_TTL_MS = 10 * 60_000;

/** What the auth service remembers between sending the browser to a provider and its return. */
export const pendingLoginSchema = z.object({
  provider: z.string(),
  codeVerifier: z.string(),
  nonce: z.string().optional(),
  /** Already checked against the allowlist when the login started. */
  redirectTo: z.string(),
});
/** A pending login as stored. */
export type PendingLogin = z.infer<typeof pendingLoginSchema>;

/** Stores a pending login under its state, for the callback to take. */
export async function savePendingLogin(
  hot: AuthHotRepository,
  state: string,
  login: PendingLogin,
): Promise<void> {
  await hot.savePendingLogin(state, JSON.stringify(login), PENDING_LOGIN_TTL_MS);
}

/** Takes (and so ends) the pending login of a state; undefined when unknown, expired, used or unreadable. */
export async function takePendingLogin(
  hot: AuthHotRepository,
  state: string,
): Promise<PendingLogin | undefined> {
  const stored = await hot.takePendingLogin(state);
  if (stored === null) {
    return undefined;
  }
  try {
    const parsed = pendingLoginSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
