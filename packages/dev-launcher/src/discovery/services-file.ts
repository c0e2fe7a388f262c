import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** Keeps the discovery file in step with the services; every change rewrites it atomically. */
export class ServiceRegistry {
  private readonly services: Record<string, ServiceEntry> = {};
  private written = false;

  constructor(
    private readonly path: string,
    private readonly launcherPid: number = process.pid,
  ) {}

  /** Lists a service that has just been spawned, not ready yet. */
  register(name: string, entry: Pick<ServiceEntry, 'url' | 'port' | 'pid'>): void {
    this.services[name] = { ...entry, ready: false, started_at: new Date().toISOString() };
    this.write();
  }

  /** Marks a listed service ready. */
  markReady(name: string): void {
    const entry = this.services[name];
    if (entry !== undefined) {
      this.services[name] = { ...entry, ready: true };
      this.write();
    }
  }

  /** Deletes the file, if this registry wrote it. */
  remove(): void {
    if (this.written) {
      rmSync(this.path, { force: true });
      this.written = false;
    }
  }

  private write(): void {
    const file: ServicesFile = {
      launcher_pid: this.launcherPid,
      updated_at: new Date().toISOString(),
      services: this.services,
    };
    mkdirSync(dirname(this.path), { recursive: true });
    // Readers must never see a half-written file: write aside, then rename over it.
    const temporary = `${this.path}.${this.launcherPid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`);
    renameSync(temporary, this.path);
    this.written = true;
  }
}
