/** Unit tests of inline-code splitting: backtick pairs become code, anything else stays text. */
import { describe, expect, it } from 'vitest';
import { plainText, splitInlineCode } from './inline-code';

describe('splitInlineCode', () => {
  it('splits code from text', () => {
    expect(splitInlineCode('Move `ticket-triage` on gpt-4o to `gpt-4o-mini`')).toEqual([
      { text: 'Move ', code: false },
      { text: 'ticket-triage', code: true },
      { text: ' on gpt-4o to ', code: false },
      { text: 'gpt-4o-mini', code: true },
    ]);
  });

  it('keeps plain text and unpaired marks as text', () => {
    expect(splitInlineCode('no code')).toEqual([{ text: 'no code', code: false }]);
    expect(splitInlineCode('a ` b')).toEqual([{ text: 'a ` b', code: false }]);
    expect(splitInlineCode('')).toEqual([]);
  });

  it('drops the marks for plain labels', () => {
    expect(plainText('Cache `support-chat`’s prefix')).toBe('Cache support-chat’s prefix');
  });
});
