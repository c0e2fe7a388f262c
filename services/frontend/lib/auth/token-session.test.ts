/**
 * Unit tests of the tab's session: the refresh is scheduled before the token expires (a fifth of
 * its life, at most a minute), runs once however many callers ask at the same time, is serialized
 * across sessions sharing a lock (tabs), ends the session on a refusal and is retried while the
 * auth service cannot be reached. Timers are driven by hand: nothing here waits.
 */
import type { AuthSession } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { refreshLeadMs, TokenSession, type Timers } from './token-session';

interface PendingTimer {
  at: number;
  callback: () => void;
}

/** A clock that moves only when the test says so. */
function manualTimers() {
  let now = 1_000_000;
  let nextId = 1;
  const pending = new Map<number, PendingTimer>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (callback, ms) => {
      pending.set(nextId, { at: now + ms, callback });
      return nextId++;
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  };
  return {
    timers,
    /** When the scheduled timers fire, relative to now. */
    scheduledIn: () => [...pending.values()].map((timer) => timer.at - now),
    /** Moves the clock to the next timer and fires it. */
    fireNext: () => {
      const [id, timer] = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0]!;
      pending.delete(id);
      now = timer.at;
      timer.callback();
    },
  };
}

function session(token: string, expiresIn = 900): AuthSession {
  return {
    access_token: token,
    token_type: 'Bearer',
    expires_in: expiresIn,
    user: { id: 'u1', email: 'dev@netra.local', name: 'Dev', email_verified: true },
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('refresh scheduling', () => {
  it('refreshes a fifth of the lifetime before expiry, at most a minute before', () => {
    expect(refreshLeadMs(900_000)).toBe(60_000);
    expect(refreshLeadMs(100_000)).toBe(20_000);
  });

  it('schedules one refresh before expiry and, when it fires, takes the new token', async () => {
    const clock = manualTimers();
    let calls = 0;
    const tokens = new TokenSession({
      refresh: () => Promise.resolve(session(`t${++calls}`)),
      timers: clock.timers,
    });
    tokens.accept(session('t0'));
    expect(tokens.snapshot()).toMatchObject({ status: 'signed_in', accessToken: 't0' });
    expect(clock.scheduledIn()).toEqual([840_000]);

    clock.fireNext();
    await flush();
    expect(calls).toBe(1);
    expect(tokens.accessToken()).toBe('t1');
    expect(clock.scheduledIn()).toEqual([840_000]);
  });

  it('puts the refresh back after dispose when started again (React strict mode remounts)', () => {
    const clock = manualTimers();
    const tokens = new TokenSession({ refresh: () => Promise.resolve(session('t1')), timers: clock.timers });
    tokens.accept(session('t0'));
    tokens.dispose();
    expect(clock.scheduledIn()).toEqual([]);
    tokens.start();
    expect(clock.scheduledIn()).toEqual([840_000]);
  });
});

describe('one refresh at a time', () => {
  it('lets concurrent callers share a single refresh call', async () => {
    const answer = deferred<AuthSession>();
    let calls = 0;
    const tokens = new TokenSession({
      refresh: () => {
        calls += 1;
        return answer.promise;
      },
      timers: manualTimers().timers,
    });
    const results = Promise.all([tokens.refresh(), tokens.refresh(), tokens.refresh()]);
    answer.resolve(session('shared'));
    expect(await results).toEqual(['shared', 'shared', 'shared']);
    expect(calls).toBe(1);

    // Once it settled, the next refresh is a new call.
    await tokens.refresh();
    expect(calls).toBe(2);
  });

  it('serializes refreshes of two sessions (tabs) that share a lock', async () => {
    let tail: Promise<unknown> = Promise.resolve();
    const sharedLock = <T>(task: () => Promise<T>): Promise<T> => {
      const run = tail.then(task);
      tail = run.catch(() => undefined);
      return run;
    };
    let running = 0;
    let mostAtOnce = 0;
    const refresh = async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await flush();
      running -= 1;
      return session('t');
    };
    const tabs = [1, 2].map(
      () => new TokenSession({ refresh, timers: manualTimers().timers, withLock: sharedLock }),
    );
    await Promise.all(tabs.map((tab) => tab.refresh()));
    expect(mostAtOnce).toBe(1);
  });
});

describe('when a refresh fails', () => {
  it('ends the session on a refusal and says why', async () => {
    const reused = new ApiError({ status: 401, code: 'refresh_token_reused', message: 'reused' });
    const clock = manualTimers();
    const tokens = new TokenSession({ refresh: () => Promise.reject(reused), timers: clock.timers });
    tokens.accept(session('t0'));
    expect(await tokens.refresh()).toBeNull();
    expect(tokens.snapshot()).toMatchObject({ status: 'signed_out', accessToken: null, error: reused });
    expect(clock.scheduledIn()).toEqual([]);
  });

  it('starts signed out without an error when there is no session cookie', async () => {
    const missing = new ApiError({ status: 401, code: 'refresh_token_missing', message: 'none' });
    const tokens = new TokenSession({
      refresh: () => Promise.reject(missing),
      timers: manualTimers().timers,
    });
    tokens.start();
    await flush();
    expect(tokens.snapshot()).toMatchObject({ status: 'signed_out', error: null });
  });

  it('keeps the token and retries with growing waits while the auth service is unreachable', async () => {
    const down = new ApiError({ status: 0, code: 'network_error', message: 'down' });
    const clock = manualTimers();
    let calls = 0;
    const tokens = new TokenSession({
      refresh: () => (++calls <= 3 ? Promise.reject(down) : Promise.resolve(session('t1'))),
      timers: clock.timers,
      retryBackoff: { baseMs: 1_000, maxMs: 60_000 },
    });
    tokens.accept(session('t0'));
    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      clock.fireNext();
      await flush();
      waits.push(...clock.scheduledIn());
    }
    expect(calls).toBe(4);
    expect(tokens.accessToken()).toBe('t1');
    // Three retry waits within [ceiling/2, ceiling] for ceilings 1 s, 2 s, 4 s; then the normal schedule.
    expect(
      waits.slice(0, 3).map((wait, index) => wait >= 500 * 2 ** index && wait <= 1_000 * 2 ** index),
    ).toEqual([true, true, true]);
    expect(waits[3]).toBe(840_000);
  });
});
