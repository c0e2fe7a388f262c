import { describe, expect, it } from 'vitest';
import { figuresIn, guardFigures, numbersIn } from './figures-guard.js';

describe('figuresIn', () => {
  it('reads currency, separators, scale words and percentages', () => {
    const read = figuresIn('Save $5,000 (30.0%) or 5k, 2.5 million and 12 percent; 4,300 requests.');
    expect(read.map(({ value, kind }) => [value, kind])).toEqual([
      [5000, 'currency'],
      [30, 'percent'],
      [5000, 'plain'],
      [2_500_000, 'plain'],
      [12, 'percent'],
      [4300, 'plain'],
    ]);
  });

  it('does not read model names glued to letters as figures', () => {
    expect(figuresIn('Move gpt-4o and llama-70b to o4-mini or qwen2.5-72b')).toEqual([]);
  });
});

describe('guardFigures', () => {
  const engine = [4321.5, 20.42, 0.82, 12_031];

  it('keeps wording whose figures are the engine figures in any usual format', () => {
    for (const text of [
      'Proven savings are $4,322 a month (20.4% of the bill).',
      'About $4.3k per month, 20% of spend.',
      'Roughly $4,300 monthly over 12,031 requests, with 82% of the data complete.',
      'You could save 4321.5 dollars, i.e. 20.42 percent.',
    ]) {
      expect(guardFigures(text, engine), text).toBe(text);
    }
  });

  it('rejects a currency amount, a percentage or a figure of 10 or more the engine never produced', () => {
    expect(guardFigures('Savings of $5,000 a month.', engine)).toBeUndefined();
    expect(guardFigures('A 35% cut is within reach.', engine)).toBeUndefined();
    expect(guardFigures('Savings of $4 a month.', engine)).toBeUndefined();
    expect(guardFigures('Within 90 days you break even.', engine)).toBeUndefined();
    expect(guardFigures('That is $5k a month.', engine)).toBeUndefined();
  });

  it('lets small counts through as wording', () => {
    expect(guardFigures('Apply the 3 changes in 2 phases.', engine)).toBeDefined();
  });

  it('reads rounding honestly: $4,000 stands for 4,321.5 only at one digit, which it refuses', () => {
    expect(guardFigures('$4,000 a month', engine)).toBeUndefined();
    expect(guardFigures('$4,320 a month', engine)).toBeDefined();
  });
});

describe('numbersIn', () => {
  it('collects number values and the figures written in strings, at any depth', () => {
    const facts = {
      plan: { monthly: 4321.5, ids: ['batch_api:nightly'] },
      headline: 'Proven $3,321/month',
      n: [7],
    };
    expect(numbersIn(facts)).toEqual([4321.5, 3321, 7]);
  });
});
