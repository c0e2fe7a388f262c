import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { snapshotProcessEnvironment } from './process-source.js';
import { maskValue } from './secrets.js';

/** Where a value came from, lowest precedence first. */
export type ValueSource = 'default' | 'dotenv' | 'process' | 'override';

export interface ValueOrigin {
  source: ValueSource;
  /** The file a dotenv value was read from. */
  file?: string;
}

interface Entry extends ValueOrigin {
  value: string;
}

/**
 * `.env` files read by `fromProcess`, later files overriding earlier ones. The process
 * environment overrides every file, and explicit overrides override everything.
 */
export const DOTENV_FILES = ['.env', '.env.local'] as const;

export interface FromProcessOptions {
  /** Directory holding the `.env` files; defaults to the working directory. */
  dotenvDir?: string;
  /** Set false to ignore `.env` files entirely. */
  dotenv?: boolean;
}

/**
 * An immutable view of configuration values that records where every value came from.
 * Instances never write to `process.env`; `withOverrides` returns a new instance.
 */
export class IsolatedEnvironment {
  private readonly entries: ReadonlyMap<string, Entry>;

  private constructor(entries: Map<string, Entry>) {
    this.entries = entries;
  }

  /** The environment of this process: `.env` files, then `process.env` on top. */
  static fromProcess(options: FromProcessOptions = {}): IsolatedEnvironment {
    const entries = new Map<string, Entry>();
    if (options.dotenv !== false) {
      loadDotenvFiles(entries, options.dotenvDir ?? process.cwd());
    }
    for (const [name, value] of Object.entries(snapshotProcessEnvironment())) {
      entries.set(name, { value, source: 'process' });
    }
    return new IsolatedEnvironment(entries);
  }

  /** An environment holding only the given values (as overrides); never sees `process.env`. */
  static isolated(values: Record<string, string | undefined> = {}): IsolatedEnvironment {
    return new IsolatedEnvironment(new Map()).withOverrides(values);
  }

  /** Parses dotenv text as if it had been read from `file`; for tests of the precedence rules. */
  static fromDotenvText(text: string, file = '.env'): IsolatedEnvironment {
    const entries = new Map<string, Entry>();
    for (const [name, value] of Object.entries(parseDotenv(text))) {
      entries.set(name, { value, source: 'dotenv', file });
    }
    return new IsolatedEnvironment(entries);
  }

  /** A copy with the given values set (source `override`); `undefined` removes a value. */
  withOverrides(values: Record<string, string | undefined>): IsolatedEnvironment {
    const next = new Map(this.entries);
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) {
        next.delete(name);
      } else {
        next.set(name, { value, source: 'override' });
      }
    }
    return new IsolatedEnvironment(next);
  }

  /** A copy where values from `lower` fill in names this environment does not define. */
  layeredOver(lower: IsolatedEnvironment): IsolatedEnvironment {
    const next = new Map(lower.entries);
    for (const [name, entry] of this.entries) {
      next.set(name, entry);
    }
    return new IsolatedEnvironment(next);
  }

  get(name: string): string | undefined {
    return this.entries.get(name)?.value;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Where the value of `name` came from, or undefined when it is not set. */
  originOf(name: string): ValueOrigin | undefined {
    const entry = this.entries.get(name);
    if (entry === undefined) {
      return undefined;
    }
    return entry.file === undefined ? { source: entry.source } : { source: entry.source, file: entry.file };
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Plain values, e.g. to hand to a child process. Contains secrets: never log it. */
  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const [name, entry] of this.entries) {
      record[name] = entry.value;
    }
    return record;
  }

  /** Every value with its origin, secrets masked: safe to log. */
  dump(secretNames: ReadonlySet<string> = new Set()): Record<string, ValueOrigin & { value: string }> {
    const out: Record<string, ValueOrigin & { value: string }> = {};
    for (const name of this.names()) {
      const entry = this.entries.get(name);
      if (entry !== undefined) {
        out[name] = { ...entry, value: maskValue(name, entry.value, secretNames.has(name)) };
      }
    }
    return out;
  }
}

function loadDotenvFiles(entries: Map<string, Entry>, dir: string): void {
  for (const fileName of DOTENV_FILES) {
    // The hint keeps bundlers (Next's Turbopack) from tracing the whole project for this runtime path.
    const file = join(/* turbopackIgnore: true */ dir, fileName);
    if (!existsSync(file)) {
      continue;
    }
    for (const [name, value] of Object.entries(parseDotenv(readFileSync(file)))) {
      entries.set(name, { value, source: 'dotenv', file });
    }
  }
}

const scoped = new AsyncLocalStorage<IsolatedEnvironment>();
let processEnvironment: IsolatedEnvironment | undefined;

/** The environment of the current async context: a scoped one inside `runWithEnvironment`, else the process's. */
export function currentEnvironment(): IsolatedEnvironment {
  const inScope = scoped.getStore();
  if (inScope !== undefined) {
    return inScope;
  }
  processEnvironment ??= IsolatedEnvironment.fromProcess();
  return processEnvironment;
}

/** Runs `fn` (and everything it awaits) with `environment` as the current environment. */
export function runWithEnvironment<T>(environment: IsolatedEnvironment, fn: () => T): T {
  return scoped.run(environment, fn);
}
