import { describe, expect, it } from 'vitest';
import { timedConnector } from './timed-connector.js';

/** A connector shaped like ours: private state, async calls, a streamed query, a sync member. */
class Connector {
  readonly mode = 'embedded';
  #rows = [1, 2, 3];
  closed = false;

  queryRows(): Promise<number[]> {
    return Promise.resolve(this.#rows);
  }

  setIfAbsent(): Promise<boolean> {
    return Promise.reject(new Error('store down'));
  }

  refuse(): Promise<void> {
    throw new Error('refused before any I/O');
  }

  async *queryChunks(fail: boolean): AsyncIterable<number[]> {
    yield this.#rows;
    // The next chunk arrives later, as over a network.
    await new Promise((resolve) => setImmediate(resolve));
    if (fail) {
      throw new Error('stream broke');
    }
    yield this.#rows;
  }

  table(name: string): string {
    return `db.${name}`;
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

function timed() {
  const calls: string[] = [];
  const connector = new Connector();
  const proxy = timedConnector(connector, (operation, seconds, ok) => {
    expect(seconds).toBeGreaterThanOrEqual(0);
    calls.push(`${operation}:${ok ? 'ok' : 'error'}`);
  });
  return { calls, connector, proxy };
}

async function drain(chunks: AsyncIterable<number[]>): Promise<number> {
  let count = 0;
  for await (const chunk of chunks) {
    count += chunk.length;
  }
  return count;
}

describe('timedConnector', () => {
  it('times asynchronous calls by snake_case method name and keeps their results', async () => {
    const { calls, proxy } = timed();
    expect(await proxy.queryRows()).toEqual([1, 2, 3]);
    expect(proxy.table('usage')).toBe('db.usage');
    expect(proxy.mode).toBe('embedded');
    expect(calls).toEqual(['query_rows:ok']);
  });

  it('reports failures, rejected or thrown, and passes the error on', async () => {
    const { calls, proxy } = timed();
    await expect(proxy.setIfAbsent()).rejects.toThrow('store down');
    expect(() => proxy.refuse()).toThrow('refused before any I/O');
    expect(calls).toEqual(['set_if_absent:error', 'refuse:error']);
  });

  it('times a streamed result until its last chunk or its failure', async () => {
    const { calls, proxy } = timed();
    expect(await drain(proxy.queryChunks(false))).toBe(6);
    await expect(drain(proxy.queryChunks(true))).rejects.toThrow('stream broke');
    expect(calls).toEqual(['query_chunks:ok', 'query_chunks:error']);
  });

  it('counts a reader that stops early as a successful call', async () => {
    const { calls, proxy } = timed();
    for await (const chunk of proxy.queryChunks(true)) {
      expect(chunk).toEqual([1, 2, 3]);
      break;
    }
    expect(calls).toEqual(['query_chunks:ok']);
  });

  it('leaves close untimed and acting on the connector itself', async () => {
    const { calls, connector, proxy } = timed();
    await proxy.close();
    expect(connector.closed).toBe(true);
    expect(calls).toEqual([]);
  });
});
