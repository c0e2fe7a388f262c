#!/usr/bin/env node
/**
 * Bundles the compiled CLI (dist/cli/netra.js, from `tsc -b tsconfig.build.json`) into one file,
 * dist/bundle/cli/netra.js, which bin/netra.js runs when it is newer than every compilation. Node
 * then reads and compiles one module instead of resolving and loading over a thousand (measured on a
 * 1,000-event `netra analyze`: 0.1–0.3 s less before the first query). chdb (a native engine, loaded
 * on use) and @clickhouse/client (whose classes chdb's connection shares) stay outside the bundle.
 *
 * The bundle sits two folders below dist/, as deep as the compiled modules that find files next to
 * the package by a relative URL (`../../../clickhouse/migrations` from dist/platform/stores/), so
 * those URLs still name the same files from inside it.
 * @module
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const backend = fileURLToPath(new URL('..', import.meta.url));
const entry = `${backend}dist/cli/netra.js`;
const outfile = `${backend}dist/bundle/cli/netra.js`;

if (!existsSync(entry)) {
  process.stderr.write(`bundle-cli: ${entry} does not exist; run tsc -b tsconfig.build.json first\n`);
  process.exit(1);
}

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['chdb', '@clickhouse/client'],
  // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
