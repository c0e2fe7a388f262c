import { describe, expect, it } from 'vitest';
import { failureDetails, isNetworkFailure } from './exchange-failure.js';

describe('failureDetails', () => {
  it('names the ID-token claim that failed, however deeply openid-client nested it', () => {
    const inner = Object.assign(new Error('unexpected ID Token "nonce" claim value'), {
      code: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
      cause: { claim: 'nonce', expected: 'secret-nonce', claims: { nonce: 'other' } },
    });
    // openid-client's ClientError wraps oauth4webapi's error, which carries the claim in its cause.
    const error = Object.assign(new Error('unexpected JWT claim value encountered', { cause: inner }), {
      name: 'ClientError',
      code: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
    });
    expect(failureDetails(error)).toEqual({ error: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', claim: 'nonce' });
  });

  it("prefers the provider's OAuth error code", () => {
    const error = Object.assign(new Error('server responded with an error'), {
      error: 'invalid_grant',
      code: 'OAUTH_RESPONSE_BODY_ERROR',
    });
    expect(failureDetails(error)).toEqual({ error: 'invalid_grant' });
  });

  it('falls back to the error name, and never to the message', () => {
    expect(failureDetails(new TypeError('token=abc'))).toEqual({ error: 'TypeError' });
    expect(failureDetails('a string')).toEqual({ error: 'unknown' });
  });
});

describe('isNetworkFailure', () => {
  it('recognises fetch failures and timeouts anywhere in the cause chain', () => {
    expect(isNetworkFailure(new TypeError('fetch failed'))).toBe(true);
    const timeout = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    expect(isNetworkFailure(new Error('discovery failed', { cause: timeout }))).toBe(true);
  });

  it('does not treat protocol failures as network failures', () => {
    expect(isNetworkFailure(Object.assign(new Error('x'), { error: 'invalid_grant' }))).toBe(false);
  });
});
