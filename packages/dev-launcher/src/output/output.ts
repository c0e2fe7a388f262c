import picocolors from 'picocolors';
import type { IsolatedEnvironment } from '@netra/shared/server';

/** A set of colour formatters (all identity functions when colour is off). */
export type Colors = ReturnType<typeof picocolors.createColors>;

/** Where the launcher writes: permanent lines, problems, and one transient status line. */
export interface Output {
  readonly colors: Colors;
  /** True when the status line can be redrawn in place (a terminal). */
  readonly interactive: boolean;
  /** A permanent line (may contain newlines) on stdout. */
  line(text: string): void;
  /** A permanent line on stderr. */
  problem(text: string): void;
  /** Replaces the transient status line; `undefined` clears it. Ignored when not interactive. */
  status(text: string | undefined): void;
}

/** The streams a terminal output writes to; `isTTY` is set on terminals only. */
export interface OutputStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

const CLEAR_LINE = '\r\u001b[2K';

/** Whether to colour output: NO_COLOR wins, FORCE_COLOR forces, else only on a terminal. */
export function shouldUseColor(env: IsolatedEnvironment, isTerminal: boolean): boolean {
  if ((env.get('NO_COLOR') ?? '') !== '') {
    return false;
  }
  const force = env.get('FORCE_COLOR');
  if (force !== undefined && force !== '') {
    return force !== '0' && force !== 'false';
  }
  return isTerminal;
}

/** An Output over real streams that keeps a redrawable status line below the log on terminals. */
export function createTerminalOutput(streams: OutputStreams, env: IsolatedEnvironment): Output {
  return new TerminalOutput(streams, env);
}

class TerminalOutput implements Output {
  readonly colors: Colors;
  readonly interactive: boolean;
  private statusText: string | undefined;

  constructor(
    private readonly streams: OutputStreams,
    env: IsolatedEnvironment,
  ) {
    this.interactive = streams.stdout.isTTY === true;
    this.colors = picocolors.createColors(shouldUseColor(env, this.interactive));
  }

  line(text: string): void {
    this.writeAbove(this.streams.stdout, text);
  }

  problem(text: string): void {
    this.writeAbove(this.streams.stderr, text);
  }

  status(text: string | undefined): void {
    if (!this.interactive) {
      return;
    }
    this.streams.stdout.write(CLEAR_LINE + (text ?? ''));
    this.statusText = text;
  }

  /** Lifts the status line, writes the text where it was, and puts the status line back below. */
  private writeAbove(stream: NodeJS.WritableStream, text: string): void {
    if (this.statusText !== undefined) {
      this.streams.stdout.write(CLEAR_LINE);
    }
    stream.write(`${text}\n`);
    if (this.statusText !== undefined) {
      this.streams.stdout.write(this.statusText);
    }
  }
}
