/**
 * What a key press in the message box does: Enter sends, Shift+Enter (and Enter while an input
 * method composes a character) inserts a line break as usual.
 * @module
 */
export interface ComposeKey {
  key: string;
  shiftKey: boolean;
  isComposing: boolean;
}

export function composeKeyAction(event: ComposeKey): 'send' | 'default' {
  return event.key === 'Enter' && !event.shiftKey && !event.isComposing ? 'send' : 'default';
}

/** The text to send, or null when there is nothing but whitespace. */
export function messageToSend(text: string): string | null {
  const trimmed = text.trim();
  return trimmed.length === 0 ? null : trimmed;
}

/** Example prompts an empty thread offers; each one is sent as it is when chosen. */
export const EXAMPLE_PROMPTS: readonly string[] = [
  'Help me reduce my AI costs by 30%',
  'Which workloads could move to a cheaper model without losing quality?',
  'Where would prompt caching or a response cache pay off?',
  'How much do failed and retried requests cost us each month?',
];
