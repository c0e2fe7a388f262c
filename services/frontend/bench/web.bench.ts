/**
 * `npm run bench -- web [--loads=7]`: what a browser pays for the app, measured in Debian Chromium
 * against the platform `npm start` runs (production build, embedded stores, demo data).
 *
 * First-load JavaScript per route: the scripts the served page names (framework, shared and the
 * route's chunks — what Next calls "First Load JS"), gzip-compressed here at level 6 as a CDN would
 * send them; target < 250 kB per route. Beside it, everything the route fetches until the network is
 * idle, including chunks loaded on demand after the first paint (the charts). Time to interactive for `/chat`: from navigation start until the
 * message box is on screen and enabled (React has hydrated and the session is restored through
 * the refresh cookie), median and worst of `loads` fresh tabs; target < 1.5 s. Next to it, the same
 * measurement for `/status` (a public page with no session) as the reference, and the ratio.
 * A missed target prints FAIL and exits 0; an error exits 1.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { z } from 'zod';
import { parseBenchOptions } from '@netra/test-framework/bench';
import { launchChromium } from '@netra/test-framework/browser';
import { launchPlatform, type LaunchedPlatform } from '@netra/test-framework/platform';
import { appRoutes, fillRoute, sampleIds } from './web-fixtures.js';

const TARGET_FIRST_LOAD_KB = 250;
const TARGET_INTERACTIVE_MS = 1_500;
const USAGE = 'usage: npm run bench -- web [--loads=7]';
const optionsSchema = z.object({ loads: z.coerce.number().int().min(1).default(7) }).strict();

interface RouteWeight {
  route: string;
  scripts: number;
  /** What the served page names in its <script> tags: Next's "first load". */
  gzipKb: number;
  /** Everything the route fetches until the network is idle, lazy chunks (charts) included. */
  allGzipKb: number;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function gzipKb(bodies: readonly Buffer[]): number {
  return bodies.reduce((sum, body) => sum + gzipSync(body, { level: 6 }).length, 0) / 1024;
}

async function scriptWeight(
  context: BrowserContext,
  origin: string,
  route: string,
  path: string,
): Promise<RouteWeight> {
  const page = await context.newPage();
  const fetched = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && response.url().startsWith(origin)) {
      fetched.set(response.url(), response.body());
    }
  });
  const document = await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
  const html = (await document?.text()) ?? '';
  // nomodule scripts (legacy polyfills) are never fetched by a modern browser.
  const named = [...html.matchAll(/<script[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => !/nomodule/i.test(tag))
    .flatMap((tag) => /src="([^"]+)"/.exec(tag)?.[1] ?? [])
    .map((src) => new URL(src, origin).href);
  const firstLoad = await Promise.all(named.map(async (url) => (await context.request.get(url)).body()));
  const all = await Promise.all(fetched.values());
  await page.close();
  return { route, scripts: named.length, gzipKb: gzipKb(firstLoad), allGzipKb: gzipKb(all) };
}

/** A check run in the page every frame: the time since navigation start once the page is ready. */
type ReadyProbe = () => number | false;

async function timeUntil(page: Page, url: string, ready: ReadyProbe): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}

async function interactiveTimes(context: BrowserContext, url: string, ready: ReadyProbe, loads: number) {
  const times: number[] = [];
  // One warm-up load: the server's first render of a route compiles nothing, but fills its caches.
  for (let load = 0; load <= loads; load += 1) {
    const page = await context.newPage();
    const time = await timeUntil(page, url, ready);
    await page.close();
    if (load > 0) {
      times.push(time);
    }
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, worst: times.at(-1) ?? 0 };
}

const CHAT_READY: ReadyProbe = () => {
  const box = document.querySelector('textarea');
  return box !== null && !box.disabled && box.getBoundingClientRect().height > 0 ? performance.now() : false;
};
const STATUS_READY: ReadyProbe = () =>
  document.querySelector('[data-service="backend"][data-state="ready"]') === null ? false : performance.now();

async function signIn(context: BrowserContext, origin: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${origin}/login`);
  await page.waitForSelector('summary[aria-label^="Account menu for"]', { timeout: 60_000 });
  await page.close();
}

function printWeights(weights: readonly RouteWeight[]): boolean {
  print('\nfirst-load JavaScript per route: the scripts its HTML names (gzip level 6; target < 250 kB),');
  print(
    'and beside it everything fetched until the network is idle (charts load on demand after first paint)',
  );
  print(`  ${'route'.padEnd(28)}${'scripts'.padStart(8)}${'first kB'.padStart(10)}${'all kB'.padStart(10)}`);
  let ok = true;
  for (const weight of weights) {
    const pass = weight.gzipKb < TARGET_FIRST_LOAD_KB;
    ok &&= pass;
    print(
      `  ${weight.route.padEnd(28)}${String(weight.scripts).padStart(8)}${weight.gzipKb.toFixed(1).padStart(10)}${weight.allGzipKb.toFixed(1).padStart(10)}  ${pass ? 'PASS' : 'FAIL'}`,
    );
  }
  return ok;
}

async function measure(platform: LaunchedPlatform, loads: number): Promise<void> {
  const origin = platform.url('frontend');
  const ids = await sampleIds(platform.url('auth'), platform.url('backend'));
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await signIn(context, origin);
    const weights: RouteWeight[] = [];
    for (const route of appRoutes()) {
      weights.push(await scriptWeight(context, origin, route, fillRoute(route, ids)));
    }
    const weightsOk = printWeights(weights);
    const chat = await interactiveTimes(context, `${origin}/chat`, CHAT_READY, loads);
    const status = await interactiveTimes(context, `${origin}/status`, STATUS_READY, loads);
    const pass = chat.median < TARGET_INTERACTIVE_MS && chat.worst < TARGET_INTERACTIVE_MS;
    print(`\ntime to interactive over ${loads} fresh tabs (signed in; target < ${TARGET_INTERACTIVE_MS} ms)`);
    print(
      `  /status (reference: public, no session)   median ${status.median.toFixed(0)} ms, worst ${status.worst.toFixed(0)} ms`,
    );
    print(
      `  /chat (message box enabled)                median ${chat.median.toFixed(0)} ms, worst ${chat.worst.toFixed(0)} ms  ${pass ? 'PASS' : 'FAIL'}`,
    );
    print(`  /chat / /status: ${(chat.median / status.median).toFixed(2)}× (median)`);
    print(`\n${weightsOk && pass ? 'all targets met' : 'a target was missed (FAIL above)'}`);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const options = parseBenchOptions(optionsSchema, process.argv.slice(2), USAGE);
  if (options === undefined) {
    process.exitCode = 2;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-web-bench-'));
  print('starting the platform with npm start (builds what is stale)…');
  const platform = await launchPlatform({ dataDir });
  try {
    await measure(platform, options.loads);
  } finally {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main().catch((error: unknown) => {
  process.stderr.write(
    `web bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
