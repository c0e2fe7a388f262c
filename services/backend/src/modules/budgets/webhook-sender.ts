/**
 * Sends one signed body to a webhook target. Anything but a 2xx answer (or no answer within the
 * timeout) throws, so the delivery job is tried again with backoff.
 * @module
 */
import { assertPublicTarget } from './webhook-address.js';
import { ALERT_ID_HEADER, SIGNATURE_HEADER, signature } from './webhook-body.js';

const TIMEOUT_MS = 10_000;

export async function sendWebhook(
  target: { url: string; secret: string },
  alertId: string,
  body: string,
  options: { allowInternalTargets: boolean },
): Promise<void> {
  if (!options.allowInternalTargets) {
    await assertPublicTarget(target.url);
  }
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'netra-alerts',
      [SIGNATURE_HEADER]: signature(body, target.secret),
      [ALERT_ID_HEADER]: alertId,
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  // The answer's body is not needed: cancelled rather than read, so a receiver cannot make us buffer it.
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) {
    throw new Error(`webhook answered ${response.status}`);
  }
}
