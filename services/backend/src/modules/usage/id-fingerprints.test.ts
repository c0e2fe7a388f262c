import { describe, expect, it } from 'vitest';
import { IdFingerprints } from './id-fingerprints.js';

describe('IdFingerprints', () => {
  it('remembers the pairs it was given and no others', () => {
    const fingerprints = new IdFingerprints(100);
    expect(fingerprints.add('org', 'evt-1')).toBe(true);
    expect(fingerprints.add('org', 'evt-1')).toBe(false);
    expect(fingerprints.has('org', 'evt-1')).toBe(true);
    expect(fingerprints.has('org', 'evt-2')).toBe(false);
    expect(fingerprints.size).toBe(1);
  });

  it('keeps organizations apart, including where the separator could be ambiguous', () => {
    const fingerprints = new IdFingerprints(10);
    fingerprints.add('ab', 'c');
    expect(fingerprints.has('a', 'bc')).toBe(false);
    expect(fingerprints.has('other', 'c')).toBe(false);
    expect(fingerprints.has('ab', 'c')).toBe(true);
  });

  it('tells apart ids that differ in one character anywhere, non-ASCII and empty ones included', () => {
    const fingerprints = new IdFingerprints(10);
    for (const id of ['', 'é-1', '日本-1']) {
      fingerprints.add('org', id);
    }
    expect(['', 'é-1', '日本-1'].every((id) => fingerprints.has('org', id))).toBe(true);
    expect(['e-1', '日本-2', ' '].some((id) => fingerprints.has('org', id))).toBe(false);
  });

  it('holds its full capacity without a false hit among a million distinct ids', () => {
    const capacity = 1_000_000;
    const fingerprints = new IdFingerprints(capacity);
    for (let index = 0; index < capacity; index += 1) {
      fingerprints.add('org', `evt-${index}`);
    }
    expect(fingerprints.size).toBe(capacity);
    let falseHits = 0;
    for (let index = capacity; index < 2 * capacity; index += 1) {
      falseHits += fingerprints.has('org', `evt-${index}`) ? 1 : 0;
    }
    expect(falseHits).toBe(0);
    expect(fingerprints.has('org', 'evt-999999')).toBe(true);
  });

  it('refuses pairs beyond its capacity, and forgets everything on clear', () => {
    const fingerprints = new IdFingerprints(2);
    fingerprints.add('org', 'a');
    fingerprints.add('org', 'b');
    expect(() => fingerprints.add('org', 'c')).toThrow(RangeError);
    fingerprints.clear();
    expect(fingerprints.size).toBe(0);
    expect(fingerprints.has('org', 'a')).toBe(false);
    expect(fingerprints.add('org', 'c')).toBe(true);
  });
});
