import { GeistMono } from 'geist/font/mono';
import { GeistSans } from 'geist/font/sans';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { frontendConfig } from '@/lib/server/config-store';
import { toRuntimeConfig } from '@/lib/server/runtime-config';
import { THEME_BOOT_SCRIPT } from '@/components/ui/theme';
import { Providers } from './_components/providers';
import './globals.css';

/**
 * zod compiles fast parsers with `new Function` after probing whether eval is allowed; under the
 * app's CSP (no eval) the probe is refused and reported as a violation. Declared jitless before any
 * schema exists, it never probes.
 */
const ZOD_JITLESS_SCRIPT =
  'globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };';

/** Page metadata shared by every route until a route sets its own. */
export const metadata: Metadata = {
  title: 'Netra Apex',
  description: 'Evidence-backed LLM spend optimization.',
};

/** The root layout: reads the runtime configuration per request and hands it to the client providers. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendering per request, never at build, is what lets one build follow services that the dev
  // launcher or an operator moved to other URLs.
  await connection();
  const runtimeConfig = toRuntimeConfig(frontendConfig());
  // Set by proxy.ts with the Content-Security-Policy of this response.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    // The boot script may set data-theme on <html> before React hydrates: that difference is expected.
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_JITLESS_SCRIPT }} />
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>
        <Providers runtimeConfig={runtimeConfig}>{children}</Providers>
      </body>
    </html>
  );
}
