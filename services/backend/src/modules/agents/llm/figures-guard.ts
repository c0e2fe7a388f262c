/**
 * The rule that keeps an LLM's wording honest: every figure in it must be one of the engine's.
 * Currency amounts and percentages are always checked, plain figures from 10 up (small counts such
 * as "3 changes" are wording). A figure matches when it is an engine figure written at the precision
 * shown: $4,322, 4,321.5, $4.3k and $4,300 all stand for 4,321.5; 20% and 20.4% for 20.42 (or for a
 * share of 0.2042).
 * @module
 */

/** One figure as written in a text. */
export interface WrittenFigure {
  value: number;
  /** The place of the last digit written (1 for "4,322", 100 for "4.3k" and for "4,300"). */
  unit: number;
  kind: 'currency' | 'percent' | 'plain';
}

/** Plain figures below this are wording ("2 changes"), not claims. */
const PLAIN_FIGURE_FLOOR = 10;

const SCALES: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  bn: 1e9,
  b: 1e9,
  billion: 1e9,
};

// A number with an optional currency sign right before it, or else not glued to a word (gpt-4o and
// llama-70b are names, not figures), with thousands separators, decimals, a scale word and a percent
// sign. Names written with a hyphen (claude-sonnet-4-20250514) do yield figures; they pass when the
// facts name the same model, since the facts' strings are read by the same rule.
const FIGURE =
  /(?:([$€£])\s?|(?<![\w.,]))(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?(k|thousand|mn|million|bn|billion|m|b)\b)?(?![\w])(\s?%|\s?percent\b)?/gi;

/** Every figure written in a text. */
export function figuresIn(text: string): WrittenFigure[] {
  return [...text.matchAll(FIGURE)].flatMap((match) => {
    const [, currency, whole = '0', decimals = '', scaleWord, percent] = match;
    // "70b" or "8m" without a currency sign name a model's size or a duration, not money.
    if (currency === undefined && scaleWord !== undefined && /^[mb]$/i.test(scaleWord)) {
      return [];
    }
    const scale = scaleWord === undefined ? 1 : (SCALES[scaleWord.toLowerCase()] ?? 1);
    const digits = whole.replaceAll(',', '');
    const value = Number(`${digits}${decimals}`) * scale;
    const kind = percent !== undefined ? 'percent' : currency !== undefined ? 'currency' : 'plain';
    return [{ value, unit: writtenUnit(digits, decimals, scale), kind }];
  });
}

/** Round thousands ("4,300", "12,000") are read as rounded to two digits or more; smaller whole numbers as exact. */
function writtenUnit(digits: string, decimals: string, scale: number): number {
  if (decimals.length > 1) {
    return 10 ** -(decimals.length - 1) * scale;
  }
  if (scale === 1 && digits.length >= 4) {
    const trailingZeros = /0*$/.exec(digits)?.[0].length ?? 0;
    return 10 ** Math.min(trailingZeros, digits.length - 2);
  }
  return scale;
}

function isClaim(figure: WrittenFigure): boolean {
  return figure.kind !== 'plain' || figure.value >= PLAIN_FIGURE_FLOOR;
}

function stands(figure: WrittenFigure, allowed: number): boolean {
  const candidates = figure.kind === 'percent' ? [allowed, allowed * 100] : [allowed];
  return candidates.some(
    (candidate) => Math.abs(candidate - figure.value) <= figure.unit / 2 + 1e-9 * Math.abs(candidate),
  );
}

/** The text when every figure it claims is among the allowed numbers; undefined when one is not. */
export function guardFigures(text: string, allowedNumbers: readonly number[]): string | undefined {
  const invented = figuresIn(text).filter(
    (figure) => isClaim(figure) && !allowedNumbers.some((allowed) => stands(figure, allowed)),
  );
  return invented.length === 0 ? text : undefined;
}

/** Every number in a facts object: its number values and the figures written in its strings. */
export function numbersIn(facts: unknown): number[] {
  if (typeof facts === 'number') {
    return Number.isFinite(facts) ? [facts] : [];
  }
  if (typeof facts === 'string') {
    return figuresIn(facts).map((figure) => figure.value);
  }
  if (Array.isArray(facts)) {
    return facts.flatMap(numbersIn);
  }
  if (typeof facts === 'object' && facts !== null) {
    return Object.values(facts).flatMap(numbersIn);
  }
  return [];
}
