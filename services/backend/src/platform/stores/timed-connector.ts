/**
 * Store-call timing for connectors (ClickHouse, the hot tier): every asynchronous method is timed,
 * whatever methods the connector grows, so latency metrics need no edit when it does.
 * @module
 */

/** Reports one finished call: its operation (the method, in snake_case), duration and outcome. */
export type CallReport = (operation: string, seconds: number, ok: boolean) => void;

type Method = (...args: unknown[]) => unknown;

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';
}

/** A streamed result is timed from the call to its last chunk, its failure, or the reader stopping. */
async function* timedIterable<T>(source: AsyncIterable<T>, done: (ok: boolean) => void): AsyncIterable<T> {
  let failed = false;
  try {
    yield* source;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    done(!failed);
  }
}

/** The method's result, reporting once it settles; synchronous results are not store calls. */
function timedResult(result: unknown, done: (ok: boolean) => void): unknown {
  if (isThenable(result)) {
    return result.then(
      (value) => {
        done(true);
        return value;
      },
      (error: unknown) => {
        done(false);
        throw error;
      },
    );
  }
  return isAsyncIterable(result) ? timedIterable(result, done) : result;
}

function timedMethod(connector: object, name: string, method: Method, report: CallReport): Method {
  const operation = snakeCase(name);
  return (...args) => {
    const started = performance.now();
    const done = (ok: boolean) => {
      report(operation, (performance.now() - started) / 1000, ok);
    };
    try {
      return timedResult(method.apply(connector, args), done);
    } catch (error) {
      done(false);
      throw error;
    }
  };
}

/**
 * The connector with its asynchronous methods timed; `close` and other members pass through. Methods
 * run on the connector itself, so private state (`#fields`) keeps working behind the proxy.
 */
export function timedConnector<T extends object>(connector: T, report: CallReport): T {
  const wrappers = new Map<string, Method>();
  return new Proxy(connector, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof property !== 'string' || property === 'close' || typeof value !== 'function') {
        return value;
      }
      let wrapper = wrappers.get(property);
      if (wrapper === undefined) {
        wrapper = timedMethod(target, property, value as Method, report);
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}
