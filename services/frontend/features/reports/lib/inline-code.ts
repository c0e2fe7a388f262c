/**
 * Report text marks code with backticks (Markdown inline code: `support-chat`, `cache_control`).
 * The screens show those parts as code and the chart's short labels drop the marks.
 * @module
 */

export interface TextPart {
  text: string;
  code: boolean;
}

/** "Move `a` to `b`" → text "Move ", code "a", text " to ", code "b". An unpaired mark stays text. */
export function splitInlineCode(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const pattern = /`([^`]+)`/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) {
      parts.push({ text: text.slice(last, match.index), code: false });
    }
    parts.push({ text: match[1] ?? '', code: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) {
    parts.push({ text: text.slice(last), code: false });
  }
  return parts;
}

/** The text without its code marks. */
export function plainText(text: string): string {
  return splitInlineCode(text)
    .map((part) => part.text)
    .join('');
}
