import { describe, expect, it } from 'vitest';
import type { ConnectionSnapshot } from '@/lib/ws';
import { connectionLabel, formatDuration } from './run-labels';

const snapshot = (state: ConnectionSnapshot['state']): ConnectionSnapshot => ({
  state,
  attempt: 0,
  lastClose: null,
  error: null,
});

describe('connectionLabel', () => {
  it('names each connection state', () => {
    expect(connectionLabel(snapshot('open'))).toEqual({ text: 'Connected', tone: 'ok' });
    expect(connectionLabel(snapshot('connecting')).text).toBe('Connecting…');
    expect(connectionLabel(snapshot('idle')).text).toBe('Connecting…');
    expect(connectionLabel(snapshot('reconnecting'))).toEqual({ text: 'Reconnecting…', tone: 'warn' });
    expect(connectionLabel(snapshot('offline'))).toEqual({ text: 'Offline', tone: 'bad' });
    expect(connectionLabel(snapshot('closed'))).toEqual({ text: 'Disconnected', tone: 'bad' });
  });
});

describe('formatDuration', () => {
  it('uses milliseconds below a second', () => {
    expect(formatDuration(349.6)).toBe('350 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
  });
});
