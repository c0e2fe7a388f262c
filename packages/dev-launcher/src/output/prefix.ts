import type { Colors } from './output.js';

type ColorName = 'magenta' | 'cyan' | 'green' | 'yellow' | 'blue' | 'redBright';
const PALETTE: readonly ColorName[] = ['magenta', 'cyan', 'green', 'yellow', 'blue', 'redBright'];

/** Prefixes each line of a process's output with its name, padded and coloured per process. */
export class LinePrefixer {
  private readonly colorOf = new Map<string, ColorName>();
  private readonly width: number;

  constructor(
    names: readonly string[],
    private readonly colors: Colors,
  ) {
    names.forEach((name, index) => this.colorOf.set(name, PALETTE[index % PALETTE.length] ?? 'cyan'));
    this.width = Math.max(0, ...names.map((name) => name.length));
  }

  /** Every line of `text` (it may hold several) with `name`'s prefix. */
  prefix(name: string, text: string): string {
    const color = this.colorOf.get(name);
    const label = name.padEnd(this.width);
    const painted = color === undefined ? this.colors.gray(label) : this.colors[color](label);
    const head = `${painted} ${this.colors.dim('│')} `;
    return text
      .split('\n')
      .map((line) => head + line)
      .join('\n');
  }
}
