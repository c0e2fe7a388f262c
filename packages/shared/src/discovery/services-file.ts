/**
 * Service discovery in development (ARCHITECTURE §6): the dev launcher writes
 * `<data dir>/services.json` with the URL, port and readiness of each service it runs; tools and
 * tests read it to find them.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** One running service as other tools find it. */
export const serviceEntrySchema = z.object({
  url: z.string(),
  port: z.number().int(),
  pid: z.number().int(),
  ready: z.boolean(),
  started_at: z.string(),
});
/** One running service as other tools find it. */
export type ServiceEntry = z.infer<typeof serviceEntrySchema>;

/** `.netra/services.json`: the services a dev launcher runs (ARCHITECTURE §6, service discovery). */
export const servicesFileSchema = z.object({
  launcher_pid: z.number().int(),
  updated_at: z.string(),
  services: z.record(z.string(), serviceEntrySchema),
});
/** The contents of `.netra/services.json`. */
export type ServicesFile = z.infer<typeof servicesFileSchema>;

/** Where the discovery file lives inside a data directory. */
export function servicesFilePath(dataDir: string): string {
  return join(dataDir, 'services.json');
}

/** The discovery file, or undefined when it is missing or not valid. */
export function readServicesFile(path: string): ServicesFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = servicesFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
