/**
 * Query timing for PostgreSQL connectors: every query a driver client runs is reported to an observer
 * (for latency metrics), under a bounded operation name taken from its SQL verb.
 * @module
 */

/** One finished query. */
export interface QueryTiming {
  /** `select`, `insert`, `update`, `delete`, `with`, `transaction` (BEGIN/COMMIT/…) or `other`. */
  operation: string;
  seconds: number;
  ok: boolean;
}

export type QueryObserver = (timing: QueryTiming) => void;

/** Where a connector reports its queries; the observer can be set after the connector is open. */
export class QueryObserverSlot {
  #observer: QueryObserver | undefined;

  set(observer: QueryObserver | undefined): void {
    this.#observer = observer;
  }

  report(operation: string, started: number, ok: boolean): void {
    this.#observer?.({ operation, seconds: (performance.now() - started) / 1000, ok });
  }
}

const VERBS: ReadonlySet<string> = new Set(['select', 'insert', 'update', 'delete', 'with']);
const TRANSACTION_VERBS: ReadonlySet<string> = new Set([
  'begin',
  'start',
  'commit',
  'end',
  'rollback',
  'savepoint',
  'release',
]);

/** The operation of a query given as text or as a `{ text }` config (the two forms drivers receive). */
export function queryOperation(query: unknown): string {
  const text =
    typeof query === 'string'
      ? query
      : typeof query === 'object' && query !== null && typeof (query as { text?: unknown }).text === 'string'
        ? (query as { text: string }).text
        : '';
  const verb = /^\s*(?:\(\s*)*([a-z]+)/i.exec(text)?.[1]?.toLowerCase() ?? '';
  if (VERBS.has(verb)) {
    return verb;
  }
  return TRANSACTION_VERBS.has(verb) ? 'transaction' : 'other';
}

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * Wraps a driver's query method. Handles the promise form (drizzle, PGlite) and node-postgres's
 * callback form (its pool queries through it); other forms (submittables) pass through untimed.
 */
function timedMethod(original: AnyFunction, slot: QueryObserverSlot): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    const operation = queryOperation(args[0]);
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
        slot.report(operation, started, error === null || error === undefined);
        return (callback as AnyFunction)(error, ...rest);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (!isThenable(result)) {
      return result;
    }
    return result.then(
      (value) => {
        slot.report(operation, started, true);
        return value;
      },
      (error: unknown) => {
        slot.report(operation, started, false);
        throw error;
      },
    );
  };
}

/** Times the named methods of one client object in place (they keep their `this`). */
export function timeQueries<T extends object>(
  client: T,
  methods: readonly (keyof T)[],
  slot: QueryObserverSlot,
): T {
  for (const name of methods) {
    const original = client[name];
    if (typeof original === 'function') {
      Object.assign(client, { [name]: timedMethod(original as AnyFunction, slot) });
    }
  }
  return client;
}
