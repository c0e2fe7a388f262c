import { describe, expect, it } from 'vitest';
import { composeKeyAction, EXAMPLE_PROMPTS, messageToSend } from './compose-keys';

describe('composeKeyAction', () => {
  it('sends on Enter', () => {
    expect(composeKeyAction({ key: 'Enter', shiftKey: false, isComposing: false })).toBe('send');
  });

  it('breaks the line on Shift+Enter and while an input method composes', () => {
    expect(composeKeyAction({ key: 'Enter', shiftKey: true, isComposing: false })).toBe('default');
    expect(composeKeyAction({ key: 'Enter', shiftKey: false, isComposing: true })).toBe('default');
  });

  it('leaves other keys alone', () => {
    expect(composeKeyAction({ key: 'a', shiftKey: false, isComposing: false })).toBe('default');
  });
});

describe('messageToSend', () => {
  it('trims, and sends nothing for whitespace only', () => {
    expect(messageToSend('  hello\n')).toBe('hello');
    expect(messageToSend(' \n\t')).toBeNull();
  });

  it('offers the savings prompt the product promises', () => {
    expect(EXAMPLE_PROMPTS).toContain('Help me reduce my AI costs by 30%');
  });
});
