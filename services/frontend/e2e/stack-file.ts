/**
 * Where the suite's global setup leaves the addresses of the stack it started, for the tests to read.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const STACK_FILE = join(import.meta.dirname, '..', 'test-results', 'browser-stack.json');

export const stackSchema = z.object({
  frontend: z.url(),
  backend: z.url(),
  auth: z.url(),
  dataDir: z.string(),
  oidc: z.object({ issuer: z.url(), providerName: z.string() }),
});
export type Stack = z.infer<typeof stackSchema>;

export function readStack(): Stack {
  return stackSchema.parse(JSON.parse(readFileSync(STACK_FILE, 'utf8')));
}
