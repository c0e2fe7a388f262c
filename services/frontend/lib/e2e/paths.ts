import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The frontend package directory (where `next build` and `next start` run). */
export const FRONTEND_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The repository root (where `tsc -b` runs). */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The Next.js CLI script, run with this Node binary so no shell or PATH lookup is involved. */
export const NEXT_CLI = require.resolve('next/dist/bin/next');

/** The TypeScript compiler script. */
export const TSC_CLI = require.resolve('typescript/bin/tsc');
