import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ServiceEntry, ServicesFile } from '@netra/shared/server';

export {
  readServicesFile,
  serviceEntrySchema,
  servicesFilePath,
  servicesFileSchema,
  type ServiceEntry,
  type ServicesFile,
} from '@netra/shared/server';

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
