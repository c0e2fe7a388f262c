import { NextResponse, type NextRequest } from 'next/server';
import { frontendConfig } from '@/lib/server/config-store';
import { newNonce, pageSecurityHeaders } from '@/lib/server/page-security';
import { toRuntimeConfig } from '@/lib/server/runtime-config';

/**
 * Every page gets a fresh nonce and its security headers. Next reads the policy from the request
 * headers while rendering and puts the nonce on its own inline scripts; the root layout reads
 * `x-nonce` for the theme script.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const headers = pageSecurityHeaders(nonce, toRuntimeConfig(frontendConfig()));
  const forwarded = new Headers(request.headers);
  forwarded.set('x-nonce', nonce);
  for (const [name, value] of Object.entries(headers)) {
    forwarded.set(name, value);
  }
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  // Pages only: built assets, health checks and metrics carry no document, and prefetches are not rendered.
  matcher: [
    {
      source: '/((?!_next/static|_next/image|health|metrics|icon.svg|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
