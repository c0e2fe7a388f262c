import { expect, signedIn, test } from './fixtures.js';

function directive(policy: string, name: string): string {
  return policy.split('; ').find((entry) => entry.startsWith(`${name} `)) ?? '';
}

test.describe('page security', () => {
  test('every page carries a CSP with a fresh nonce that its own scripts use, and the hardening headers', async ({
    page,
    request,
    stack,
  }) => {
    const first = await page.goto('/login');
    const policy = first?.headers()['content-security-policy'] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(directive(policy, 'script-src'))?.[1];
    expect(nonce).toBeDefined();
    const backend = new URL(stack.backend);
    expect(directive(policy, 'connect-src').split(' ')).toEqual(
      expect.arrayContaining([backend.origin, new URL(stack.auth).origin, `ws://${backend.host}`]),
    );
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(first?.headers()['x-content-type-options']).toBe('nosniff');
    // Development over plain HTTP: no HSTS (it would pin localhost to HTTPS).
    expect(first?.headers()['strict-transport-security']).toBeUndefined();
    // As served, before any script runs: every nonce on the page is this response's.
    const served = await request.get('/login');
    const servedNonce = /'nonce-([^']+)'/.exec(served.headers()['content-security-policy'] ?? '')?.[1];
    const servedNonces = [...(await served.text()).matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]);
    expect(servedNonces.length).toBeGreaterThan(0);
    expect(new Set(servedNonces)).toEqual(new Set([servedNonce]));
    const second = await page.goto('/login');
    expect(second?.headers()['content-security-policy']).not.toBe(policy);
  });

  test('the signed-in app runs without a CSP violation (every test fails on one; this one says so)', async ({
    page,
    pageErrors,
  }) => {
    await signedIn(page, '/');
    await page.goto('/status');
    await expect(page.locator('[data-service="backend"][data-state="ready"]')).toBeVisible();
    expect(pageErrors.filter((error) => error.includes('CSP violation'))).toEqual([]);
  });
});
