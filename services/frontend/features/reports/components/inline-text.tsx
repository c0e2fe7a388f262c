import { splitInlineCode } from '../lib/inline-code';

/** Report text with its `backticked` parts shown as code. */
export function InlineText({ text }: { text: string }) {
  return (
    <>
      {splitInlineCode(text).map((part, index) =>
        part.code ? <code key={index}>{part.text}</code> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}
