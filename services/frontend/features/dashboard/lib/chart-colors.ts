/**
 * Series colours, derived only from the theme's variables (app/globals.css), so every series
 * follows the light and dark palettes. Mixes give more distinct hues than the theme names; the
 * `other` series is always the neutral one so it never reads as a group of its own.
 * @module
 */

const PALETTE = [
  'var(--accent)',
  'var(--warn)',
  'var(--ok)',
  'var(--bad)',
  'var(--info)',
  'color-mix(in srgb, var(--accent) 55%, var(--ok))',
  'color-mix(in srgb, var(--warn) 55%, var(--bad))',
  'color-mix(in srgb, var(--info) 50%, var(--ok))',
] as const;

export const OTHER_COLOR = 'var(--border-strong)';

/** The colour of the series at `index` (wrapping after the palette ends). */
export function seriesColor(index: number, other: boolean): string {
  return other ? OTHER_COLOR : (PALETTE[index % PALETTE.length] ?? PALETTE[0]);
}
