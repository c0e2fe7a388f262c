import { describe, expect, it } from 'vitest';
import { keptRows } from './encoded-rows.js';

const rows = Buffer.from('["a",1]\n["é",2]\n["c",3]\n');
const text = (parts: Buffer[]) => Buffer.concat(parts).toString('utf8');

describe('keptRows', () => {
  it('keeps the flagged lines, each with its newline, multi-byte text intact', () => {
    expect(text(keptRows(rows, [false, true, true]))).toBe('["é",2]\n["c",3]\n');
    expect(text(keptRows(rows, [true, false, true]))).toBe('["a",1]\n["c",3]\n');
  });

  it('keeps everything or nothing', () => {
    expect(text(keptRows(rows, [true, true, true]))).toBe(rows.toString('utf8'));
    expect(keptRows(rows, [false, false, false])).toEqual([]);
  });
});
