import picocolors from 'picocolors';
import { describe, expect, it } from 'vitest';
import { describeExit, describeStopCause, exitCodeFor, pickTail } from './stop-cause.js';

const plain = picocolors.createColors(false);

describe('stop causes', () => {
  it('exits 0 for a signal and 1 for anything else', () => {
    expect(exitCodeFor({ kind: 'signal', signal: 'SIGINT' })).toBe(0);
    expect(exitCodeFor({ kind: 'error', message: 'x' })).toBe(1);
  });

  it('says how a process ended', () => {
    expect(describeExit({ code: 3, signal: null })).toBe('exited with code 3');
    expect(describeExit({ code: null, signal: 'SIGKILL' })).toBe('was killed by SIGKILL');
    expect(describeExit({ code: null, signal: null, error: 'spawn ENOENT' })).toBe(
      'could not be started: spawn ENOENT',
    );
  });

  it('reports a crash with its name, exit code and last stderr lines', () => {
    const tail = pickTail(['Error: boom', '    at main'], ['{"level":30,"msg":"hi"}']);
    const lines = describeStopCause(
      { kind: 'exited', name: 'backend', exit: { code: 1, signal: null }, tail },
      plain,
    );
    expect(lines).toEqual([
      '✗ backend exited with code 1',
      '  last stderr lines:',
      '    Error: boom',
      '        at main',
    ]);
  });

  it('falls back to rendered stdout lines when stderr is empty', () => {
    const tail = pickTail([], ['{"level":60,"msg":"fatal thing"}']);
    const lines = describeStopCause(
      { kind: 'not-ready', name: 'auth', timeoutS: 5, lastAnswer: 'HTTP 503', tail },
      plain,
    );
    expect(lines).toEqual([
      '✗ auth did not become ready within 5s',
      '  last answer from auth: HTTP 503',
      '  last stdout lines:',
      '    FATAL fatal thing',
    ]);
  });
});
