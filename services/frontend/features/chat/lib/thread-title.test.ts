import { describe, expect, it } from 'vitest';
import { threadTitle } from './thread-title';

describe('threadTitle', () => {
  it('names untitled threads', () => {
    expect(threadTitle({ title: null })).toBe('Untitled chat');
    expect(threadTitle({ title: '  ' })).toBe('Untitled chat');
    expect(threadTitle({ title: ' Cut costs ' })).toBe('Cut costs');
  });
});
