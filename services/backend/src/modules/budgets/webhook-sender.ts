/**
 * Sends one signed body to a webhook target. `sendWebhook` (alert deliveries) throws on anything but
 * a 2xx answer or on no answer within the timeout, so the delivery job is tried again with backoff;
 * `deliverWebhook` (the settings screen's test) reports the outcome instead of throwing.
 * @module
 */
import { assertPublicTarget } from './webhook-address.js';
import { ALERT_ID_HEADER, SIGNATURE_HEADER, signature } from './webhook-body.js';

const TIMEOUT_MS = 10_000;

export interface WebhookSendOptions {
  allowInternalTargets: boolean;
}

/** What one delivery came to: the target's status (null without an answer) and why it failed. */
export interface DeliveryOutcome {
  delivered: boolean;
  status: number | null;
  durationMs: number;
  error: string | null;
}

async function post(
  target: { url: string; secret: string },
  alertId: string,
  body: string,
  options: WebhookSendOptions,
): Promise<number> {
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
  return response.status;
}

export async function sendWebhook(
  target: { url: string; secret: string },
  alertId: string,
  body: string,
  options: WebhookSendOptions,
): Promise<void> {
  const status = await post(target, alertId, body, options);
  if (status < 200 || status > 299) {
    throw new Error(`webhook answered ${status}`);
  }
}

function reason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${TIMEOUT_MS / 1000} s`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

/** Sends one body now and says how it went; never throws for the target's failures. */
export async function deliverWebhook(
  target: { url: string; secret: string },
  deliveryId: string,
  body: string,
  options: WebhookSendOptions,
): Promise<DeliveryOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const status = await post(target, deliveryId, body, options);
    const delivered = status >= 200 && status <= 299;
    const error = delivered ? null : `the target answered HTTP ${status}`;
    return { delivered, status, durationMs: elapsed(), error };
  } catch (error) {
    return { delivered: false, status: null, durationMs: elapsed(), error: reason(error) };
  }
}
