/** True for failures to reach the provider at all (DNS, refused connection, timeout). */
export function isNetworkFailure(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (
      current.name === 'AbortError' ||
      current.name === 'TimeoutError' ||
      current.message === 'fetch failed'
    ) {
      return true;
    }
  }
  return false;
}

/** The ID-token claim that failed a comparison, wherever openid-client nested it among the causes. */
function failedClaim(error: unknown): string | undefined {
  for (
    let current: unknown = error, depth = 0;
    depth < 4 && typeof current === 'object' && current !== null;
    depth += 1
  ) {
    const { claim, cause } = current as { claim?: unknown; cause?: unknown };
    if (typeof claim === 'string') {
      return claim;
    }
    current = cause;
  }
  return undefined;
}

/**
 * Non-secret facts about a failed exchange for the audit log: the provider's `error` or the
 * library's error code, and the ID-token claim that failed a comparison, when one did.
 */
export function failureDetails(error: unknown): Record<string, string> {
  const fields = error as { error?: unknown; code?: unknown; name?: unknown };
  const code = [fields.error, fields.code, fields.name].find(
    (value) => typeof value === 'string' && value !== '',
  );
  const details: Record<string, string> = {
    error: typeof code === 'string' ? code.slice(0, 100) : 'unknown',
  };
  const claim = failedClaim(error);
  if (claim !== undefined) {
    details.claim = claim;
  }
  return details;
}
