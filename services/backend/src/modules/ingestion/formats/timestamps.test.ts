import { describe, expect, it } from 'vitest';
import { millisBetween, toIsoTimestamp } from './timestamps.js';
import { ConversionError } from './value-readers.js';

describe('toIsoTimestamp', () => {
  it.each([
    ['2023-11-16 18:17:03.9799600', '2023-11-16T18:17:03.979Z'],
    ['2025-05-06 09:15:02', '2025-05-06T09:15:02.000Z'],
    ['2025-08-05', '2025-08-05T00:00:00.000Z'],
    ['2024-06-01T12:00:00.5+0200', '2024-06-01T10:00:00.500Z'],
    ['2024-06-01T12:00:00-05', '2024-06-01T17:00:00.000Z'],
    ['2024-06-01 12:00:00 UTC', '2024-06-01T12:00:00.000Z'],
  ])('reads %s as UTC unless a zone is given', (text, iso) => {
    expect(toIsoTimestamp(text, 'at')).toBe(iso);
  });

  it('reads numbers as epoch milliseconds, epoch seconds, or an offset from a base', () => {
    expect(toIsoTimestamp(1730419200, 'at', { epochUnit: 's' })).toBe('2024-11-01T00:00:00.000Z');
    expect(toIsoTimestamp('1730419200000', 'at')).toBe('2024-11-01T00:00:00.000Z');
    expect(toIsoTimestamp(2500, 'at', { base: new Date('2024-01-01T00:00:00Z') })).toBe(
      '2024-01-01T00:00:02.500Z',
    );
  });

  it('reads epoch numbers by size with epochUnit auto: seconds (Python floats) or milliseconds', () => {
    expect(toIsoTimestamp(1746522902.123, 'at', { epochUnit: 'auto' })).toBe('2025-05-06T09:15:02.123Z');
    expect(toIsoTimestamp('1746522902123', 'at', { epochUnit: 'auto' })).toBe('2025-05-06T09:15:02.123Z');
  });

  it('refuses text it cannot read without guessing a zone', () => {
    expect(() => toIsoTimestamp('Nov 16 2023 18:17', 'at')).toThrow(ConversionError);
    expect(() => toIsoTimestamp('2023-13-45', 'at')).toThrow(/not a valid time/);
  });

  it('measures durations, ignoring missing ends and backwards clocks', () => {
    expect(millisBetween('2025-01-01T00:00:00.000Z', '2025-01-01T00:00:01.250Z')).toBe(1250);
    expect(millisBetween('2025-01-01T00:00:01Z', '2025-01-01T00:00:00Z')).toBeUndefined();
    expect(millisBetween('2025-01-01T00:00:01Z', undefined)).toBeUndefined();
  });
});
