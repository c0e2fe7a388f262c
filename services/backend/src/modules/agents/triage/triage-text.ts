/**
 * The user's message as triage reads it: Unicode-normalized (full-width digits and signs become
 * ASCII, non-breaking spaces plain spaces), bounded in length, and checked for text that looks like
 * instructions to a model. Such text is only flagged: triage treats every message as data.
 * @module
 */

/** Longer messages are read up to here: the request is stated at the start, and the rules stay linear. */
export const MAX_TRIAGE_CHARS = 20_000;

/** The message with compatibility forms folded (NFKC) and every run of white space one space. */
export function normalizeText(text: string): string {
  return text.slice(0, MAX_TRIAGE_CHARS).normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

const INSTRUCTION_PATTERNS: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|preceding|system)\s+(?:instructions?|prompts?|messages?|rules?|context)\b/i,
  /(?:^|\n)\s*(?:system|assistant|developer)\s*:/i,
  /\byou\s+are\s+now\b/i,
  /\bnew\s+instructions?\s*:/i,
  /<\/?\s*(?:system|instructions?|im_start|im_end)\b/i,
  /\[\s*(?:system|inst)\s*\]/i,
];

/** Whether the message holds text shaped like instructions to a model ("ignore previous instructions"). */
export function looksLikeInstructions(text: string): boolean {
  const sample = text.slice(0, MAX_TRIAGE_CHARS).normalize('NFKC');
  return INSTRUCTION_PATTERNS.some((pattern) => pattern.test(sample));
}

/** How far a clause reaches on either side of a match. */
const CLAUSE_REACH = 200;

/** The clause around `index`: the text between the sentence or clause breaks on either side (at most 200 characters each). */
export function clauseAround(fullText: string, fullIndex: number): { before: string; after: string } {
  const offset = Math.max(0, fullIndex - CLAUSE_REACH);
  const text = fullText.slice(offset, fullIndex + CLAUSE_REACH);
  const index = fullIndex - offset;
  const start = Math.max(...['.', ';', '!', '?', '\n'].map((mark) => lastBreak(text, mark, index)));
  const ends = ['. ', ';', '!', '?', '\n']
    .map((mark) => text.indexOf(mark, index))
    .filter((position) => position !== -1);
  const end = ends.length === 0 ? text.length : Math.min(...ends);
  return { before: text.slice(start, index), after: text.slice(index, end) };
}

/** The position after the last `mark` before `index` that ends a clause (a decimal point does not). */
function lastBreak(text: string, mark: string, index: number): number {
  let position = text.lastIndexOf(mark, index - 1);
  while (position !== -1 && mark === '.' && /\d/.test(text.charAt(position + 1))) {
    position = text.lastIndexOf(mark, position - 1);
  }
  return position + 1;
}

/** Escapes a literal for use inside a regular expression. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
