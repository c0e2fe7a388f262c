/**
 * Writes JSON arrays straight into a growable UTF-8 buffer, one line per row, byte for byte what
 * `JSON.stringify` would give (then UTF-8 encoded). Building a JavaScript array and string per row
 * and encoding the joined text again cost ~3× more on the ingestion hot path: here short ASCII
 * strings — nearly every value in a usage row — are copied by a plain loop.
 * @module
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
/** JSON.stringify's short escapes for control characters; the others become \u00XX. */
const SHORT_ESCAPES: Record<number, number> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72 };
const HEX = '0123456789abcdef';
/** Below 2^31, so `| 0` division stays exact. */
const SMALL_INT_LIMIT = 2 ** 31;
const POWERS_OF_TEN = Array.from({ length: 10 }, (_, power) => 10 ** power);
const asciiBytes = (text: string) => [...Buffer.from(text, 'latin1')];
const NULL_BYTES = asciiBytes('null');
const TRUE_BYTES = asciiBytes('true');
const FALSE_BYTES = asciiBytes('false');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with every broken UTF-16 surrogate replaced by U+FFFD (ClickHouse refuses `\udXXX`). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

export class JsonLineWriter {
  #buffer: Buffer;
  #position = 0;
  /** No comma before the next value (the first of an array or object). */
  #first = true;

  constructor(initialBytes = 64 * 1024) {
    this.#buffer = Buffer.allocUnsafe(initialBytes);
  }

  get position(): number {
    return this.#position;
  }

  /** The bytes written so far (a view, valid until the next write). */
  bytes(): Buffer {
    return this.#buffer.subarray(0, this.#position);
  }

  beginArray(): void {
    this.#separate();
    this.#byte(0x5b);
    this.#first = true;
  }

  endArray(): void {
    this.#byte(0x5d);
    this.#first = false;
  }

  /** Ends the row's line (after its top-level array). */
  endLine(): void {
    this.#byte(0x0a);
    this.#first = true;
  }

  string(text: string): void {
    this.#separate();
    this.#quoted(text);
  }

  strings(texts: readonly string[]): void {
    this.beginArray();
    for (const text of texts) {
      this.string(text);
    }
    this.endArray();
  }

  /** An object of string values, keys in JSON.stringify's order. */
  stringRecord(record: Readonly<Record<string, string>>): void {
    this.#separate();
    this.#byte(0x7b);
    let first = true;
    for (const [key, value] of Object.entries(record)) {
      if (!first) {
        this.#byte(COMMA);
      }
      first = false;
      this.#quoted(key);
      this.#byte(0x3a);
      this.#quoted(value);
    }
    this.#byte(0x7d);
    this.#first = false;
  }

  /** A finite number (or null), as JSON.stringify writes it. */
  number(value: number | null): void {
    this.#separate();
    if (value === null) {
      this.#bytes(NULL_BYTES);
      return;
    }
    // Small whole numbers (token counts, latencies) by integer arithmetic; the rest as JS prints them.
    if (value >= 0 && value < SMALL_INT_LIMIT && Number.isInteger(value)) {
      this.#digits(value);
      return;
    }
    this.#ascii(String(value));
  }

  boolean(value: boolean): void {
    this.#separate();
    this.#bytes(value ? TRUE_BYTES : FALSE_BYTES);
  }

  /** A string known to hold only printable ASCII without quotes or backslashes (a formatted time). */
  plainString(text: string): void {
    this.#separate();
    this.#byte(QUOTE);
    this.#ascii(text);
    this.#byte(QUOTE);
  }

  #separate(): void {
    if (!this.#first) {
      this.#byte(COMMA);
    }
    this.#first = false;
  }

  #quoted(text: string): void {
    const start = this.#position;
    // Worst case for ASCII: every character a six-byte \u00XX escape, plus the quotes.
    this.#reserve(text.length * 6 + 2);
    const buffer = this.#buffer;
    let at = start;
    buffer[at++] = QUOTE;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code >= 0x80) {
        this.#position = start;
        this.#utf8Quoted(text);
        return;
      }
      if (code === QUOTE || code === BACKSLASH) {
        buffer[at++] = BACKSLASH;
        buffer[at++] = code;
      } else if (code < 0x20) {
        at = escapeControl(buffer, at, code);
      } else {
        buffer[at++] = code;
      }
    }
    buffer[at++] = QUOTE;
    this.#position = at;
  }

  /** Non-ASCII text: JSON.stringify escapes it, and lone surrogates become U+FFFD. */
  #utf8Quoted(text: string): void {
    const json = JSON.stringify(text);
    const stored = json.includes('\\ud') ? JSON.stringify(wellFormed(text)) : json;
    this.#reserve(Buffer.byteLength(stored, 'utf8'));
    this.#position += this.#buffer.write(stored, this.#position, 'utf8');
  }

  #digits(value: number): void {
    let length = 1;
    while (length < POWERS_OF_TEN.length && value >= (POWERS_OF_TEN[length] ?? Infinity)) {
      length += 1;
    }
    this.#reserve(length);
    const buffer = this.#buffer;
    let at = this.#position + length;
    this.#position = at;
    let rest = value;
    do {
      const next = (rest / 10) | 0;
      buffer[--at] = 0x30 + rest - next * 10;
      rest = next;
    } while (rest > 0);
  }

  #ascii(text: string): void {
    this.#reserve(text.length);
    const buffer = this.#buffer;
    let at = this.#position;
    for (let index = 0; index < text.length; index += 1) {
      buffer[at++] = text.charCodeAt(index);
    }
    this.#position = at;
  }

  #bytes(bytes: readonly number[]): void {
    this.#reserve(bytes.length);
    const buffer = this.#buffer;
    let at = this.#position;
    for (const byte of bytes) {
      buffer[at++] = byte;
    }
    this.#position = at;
  }

  #byte(value: number): void {
    this.#reserve(1);
    this.#buffer[this.#position++] = value;
  }

  #reserve(bytes: number): void {
    if (this.#position + bytes <= this.#buffer.length) {
      return;
    }
    const grown = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#position + bytes));
    this.#buffer.copy(grown, 0, 0, this.#position);
    this.#buffer = grown;
  }
}

function escapeControl(buffer: Buffer, start: number, code: number): number {
  let at = start;
  buffer[at++] = BACKSLASH;
  const short = SHORT_ESCAPES[code];
  if (short !== undefined) {
    buffer[at++] = short;
    return at;
  }
  buffer[at++] = 0x75;
  buffer[at++] = 0x30;
  buffer[at++] = 0x30;
  buffer[at++] = HEX.charCodeAt(code >> 4);
  buffer[at++] = HEX.charCodeAt(code & 15);
  return at;
}
