import type { Readiness } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { ReadinessFetchError } from './fetch-readiness';
import { serviceStateOf, summarize, tierLabel } from './service-state';

const ready: Readiness = { status: 'ready', service: 'auth', environment: 'development', tiers: {} };

describe('serviceStateOf', () => {
  it('is checking before the first answer', () => {
    expect(serviceStateOf({ data: undefined, error: null })).toBe('checking');
  });

  it('follows the reported readiness', () => {
    expect(serviceStateOf({ data: ready, error: null })).toBe('ready');
    expect(serviceStateOf({ data: { ...ready, status: 'not_ready' }, error: null })).toBe('not_ready');
  });

  it('lets a failed latest check win over an older answer', () => {
    const error = new ReadinessFetchError('unreachable', 'no answer');
    expect(serviceStateOf({ data: ready, error })).toBe('unreachable');
    expect(serviceStateOf({ data: undefined, error: new ReadinessFetchError('bad_response', 'x') })).toBe(
      'bad_response',
    );
    expect(serviceStateOf({ data: undefined, error: new Error('other') })).toBe('unreachable');
  });
});

describe('summarize', () => {
  it('says how many services need attention', () => {
    expect(summarize(['ready', 'ready'])).toBe('All services ready');
    expect(summarize(['ready', 'unreachable'])).toBe('1 service needs attention');
    expect(summarize(['not_ready', 'unreachable'])).toBe('2 services need attention');
    expect(summarize(['checking', 'ready'])).toBe('Checking services…');
  });
});

describe('tierLabel', () => {
  it('names known stores and keeps unknown names', () => {
    expect(tierLabel('clickhouse')).toBe('ClickHouse');
    expect(tierLabel('vector')).toBe('vector');
  });
});
