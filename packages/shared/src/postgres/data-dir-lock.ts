import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Thrown when another live process holds an embedded database directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by process ${pid}; stop it first (or use a server URL)`,
    );
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) && pid !== process.pid && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PGlite does not stop two processes from opening one data directory, which corrupts it. The owner
 * writes its pid next to the directory; a second process finds a live pid there and refuses. A lock
 * left by a crashed process (dead pid) is taken over.
 * @returns a function releasing the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  const holder = holderOf(lockFile);
  if (holder !== undefined) {
    throw new DataDirInUseError(dataDir, holder);
  }
  writeFileSync(lockFile, String(process.pid));
  return () => {
    if (holderOf(lockFile) === undefined) {
      rmSync(lockFile, { force: true });
    }
  };
}
