/**
 * `npm start`: builds and starts the Netra services. Run from TypeScript source with
 * `node --conditions=source --import tsx packages/dev-launcher/src/cli.ts [options]`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IsolatedEnvironment } from '@netra/shared/server';
import { runLauncher } from '#launcher/launcher.js';
import { createTerminalOutput } from '#output/output.js';

// This file sits at packages/dev-launcher/{src,dist}/cli.*, three levels below the repository root.
const rootDir = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const env = IsolatedEnvironment.fromProcess({ dotenvDir: rootDir });
const output = createTerminalOutput({ stdout: process.stdout, stderr: process.stderr }, env);

try {
  process.exit(await runLauncher({ rootDir, argv: process.argv.slice(2), env, output }));
} catch (error) {
  output.problem(
    `dev launcher failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
}
