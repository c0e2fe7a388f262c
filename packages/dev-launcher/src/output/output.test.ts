import { Writable } from 'node:stream';
import { IsolatedEnvironment } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { createTerminalOutput, shouldUseColor } from './output.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream: Object.assign(stream, { isTTY }), text: () => chunks.join('') };
}

describe('createTerminalOutput', () => {
  it('redraws the status line below lines written while it is shown', () => {
    const stdout = capture(true);
    const output = createTerminalOutput(
      { stdout: stdout.stream, stderr: capture(false).stream },
      IsolatedEnvironment.isolated(),
    );
    output.status('◌ waiting');
    output.line('log line');
    output.status(undefined);
    const clear = '\r\u001b[2K';
    expect(stdout.text()).toBe(`${clear}◌ waiting${clear}log line\n◌ waiting${clear}`);
  });

  it('ignores the status line and writes plain lines when not on a terminal', () => {
    const stdout = capture(false);
    const stderr = capture(false);
    const output = createTerminalOutput(
      { stdout: stdout.stream, stderr: stderr.stream },
      IsolatedEnvironment.isolated(),
    );
    output.status('◌ waiting');
    output.line('one');
    output.problem('bad');
    expect(stdout.text()).toBe('one\n');
    expect(stderr.text()).toBe('bad\n');
    expect(output.interactive).toBe(false);
  });
});

describe('shouldUseColor', () => {
  it('follows NO_COLOR, then FORCE_COLOR, then whether it is a terminal', () => {
    expect(shouldUseColor(IsolatedEnvironment.isolated({ NO_COLOR: '1', FORCE_COLOR: '1' }), true)).toBe(
      false,
    );
    expect(shouldUseColor(IsolatedEnvironment.isolated({ FORCE_COLOR: '1' }), false)).toBe(true);
    expect(shouldUseColor(IsolatedEnvironment.isolated({ FORCE_COLOR: '0' }), true)).toBe(false);
    expect(shouldUseColor(IsolatedEnvironment.isolated(), true)).toBe(true);
    expect(shouldUseColor(IsolatedEnvironment.isolated(), false)).toBe(false);
  });
});
