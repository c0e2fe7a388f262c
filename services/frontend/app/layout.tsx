import { GeistMono } from 'geist/font/mono';
import { GeistSans } from 'geist/font/sans';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { frontendConfig } from '@/lib/server/config-store';
import { toRuntimeConfig } from '@/lib/server/runtime-config';
import { THEME_BOOT_SCRIPT } from '@/components/ui/theme';
import { Providers } from './_components/providers';
import './globals.css';

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
  return (
    // The boot script may set data-theme on <html> before React hydrates: that difference is expected.
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>
        <Providers runtimeConfig={runtimeConfig}>{children}</Providers>
      </body>
    </html>
  );
}
