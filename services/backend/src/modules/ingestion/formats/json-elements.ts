/**
 * A streaming scanner that cuts the elements out of the row array of a JSON document (the root
 * array, or the array under a key such as `data`) without parsing or holding the whole document:
 * only the element being read is kept, together with the line it starts on. With `rootObjects`, a
 * root object that holds no row array is itself an element (a single pretty-printed record, or
 * several of them one after the other); one that does hold a row array (a page) is not.
 * @module
 */

/** One element of a row array: its JSON text and the 1-based line where it starts. */
export interface JsonElement {
  line: number;
  text: string;
}

/** The document is not well-formed JSON; `line` is where the scanner noticed. */
export class JsonDocumentError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'JsonDocumentError';
  }
}

interface Frame {
  kind: 'object' | 'array';
  /** The key most recently read in this object (objects only). */
  key: string | undefined;
  expectKey: boolean;
  /** This array holds the rows. */
  rows: boolean;
}

interface Capture {
  line: number;
  depth: number;
  /** The element is a bare string, number, true, false or null. */
  scalar: boolean;
  parts: string[];
  from: number;
}

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/** Root keys remembered for detection; a hostile object with millions of keys costs no more. */
const MAX_ROOT_KEYS = 256;

/** A root object read as one element is held whole; beyond this (64 MiB) the document is refused. */
export const MAX_ROOT_OBJECT_CHARS = 64 * 1024 * 1024;

/** How the scanner treats root objects. */
export interface ScannerOptions {
  /** A root object without a row array is an element itself. */
  rootObjects?: boolean;
  /** Longest root object held as an element (tests lower it). */
  maxRootObjectChars?: number;
}

/**
 * Feed text chunks with `push` and collect the finished elements; `end` checks the document closed.
 * `paths` lists where rows may sit: `[]` is a root array, `['data']` the array under a root `data` key.
 */
export class JsonElementScanner {
  private readonly stack: Frame[] = [];
  private capture: Capture | undefined;
  private line = 1;
  private inString = false;
  private escaped = false;
  private key: string | undefined;
  private found: JsonElement[] = [];
  private failure: JsonDocumentError | undefined;
  /** The root object being held in case it turns out to be a record (no row array inside). */
  private root: (Capture & { size: number }) | undefined;
  private rowArrayCount = 0;
  private readonly rootKeyNames = new Set<string>();

  constructor(
    private readonly paths: readonly (readonly string[])[],
    private readonly options: ScannerOptions = {},
  ) {}

  /**
   * The keys read so far at the top level of root objects: what detection can judge when the first
   * record is too long to be read whole in the look-ahead.
   */
  get rootKeys(): ReadonlySet<string> {
    return this.rootKeyNames;
  }

  /** How many row arrays were opened so far: a page whose `data` is empty has one and no element. */
  get rowArrays(): number {
    return this.rowArrayCount;
  }

  /**
   * Scans one chunk and returns the elements completed in it. When the document breaks, the
   * elements completed before the break are still returned; the error is thrown by the next call.
   */
  push(chunk: string): JsonElement[] {
    if (this.failure !== undefined) {
      throw this.failure;
    }
    try {
      for (let index = 0; index < chunk.length; index += 1) {
        this.step(chunk, index);
      }
    } catch (error) {
      if (!(error instanceof JsonDocumentError)) {
        throw error;
      }
      this.failure = error;
      return this.takeFound();
    }
    if (this.capture !== undefined) {
      this.capture.parts.push(chunk.slice(this.capture.from));
      this.capture.from = 0;
    }
    this.holdRoot(chunk);
    return this.takeFound();
  }

  /** Keeps the unfinished root object's text of this chunk, within its size limit. */
  private holdRoot(chunk: string): void {
    if (this.root === undefined) {
      return;
    }
    const part = chunk.slice(this.root.from);
    this.root.size += part.length;
    if (this.root.size > (this.options.maxRootObjectChars ?? MAX_ROOT_OBJECT_CHARS)) {
      this.failure = new JsonDocumentError(
        this.root.line,
        'a JSON object of the document is too long to read',
      );
      this.root = undefined;
      return;
    }
    this.root.parts.push(part);
    this.root.from = 0;
  }

  /** Ends the document; throws when a string, object or array is still open. */
  end(): JsonElement[] {
    if (this.failure !== undefined) {
      throw this.failure;
    }
    if (this.inString || this.stack.length > 0) {
      throw new JsonDocumentError(this.line, 'the JSON document ends before it is complete');
    }
    return this.takeFound();
  }

  private takeFound(): JsonElement[] {
    const found = this.found;
    this.found = [];
    return found;
  }

  private step(chunk: string, index: number): void {
    const char = chunk[index] as string;
    if (char === '\n') {
      this.line += 1;
    }
    if (this.inString) {
      this.stringChar(char, chunk, index);
      return;
    }
    if (this.capture?.scalar === true && this.stack.length === this.capture.depth && isDelimiter(char)) {
      this.finish(chunk, index);
    }
    this.structuralChar(char, chunk, index);
  }

  private stringChar(char: string, chunk: string, index: number): void {
    if (this.escaped) {
      this.escaped = false;
    } else if (char === '\\') {
      this.escaped = true;
    } else if (char === '"') {
      this.inString = false;
      this.closeString(chunk, index);
      return;
    }
    if (this.key !== undefined) {
      this.key += char;
    }
  }

  private closeString(chunk: string, index: number): void {
    const top = this.stack.at(-1);
    if (this.key !== undefined && top !== undefined) {
      top.key = this.key;
      if (this.stack.length === 1 && this.rootKeyNames.size < MAX_ROOT_KEYS) {
        this.rootKeyNames.add(this.key);
      }
      this.key = undefined;
    }
    if (this.capture?.scalar === true && this.stack.length === this.capture.depth) {
      this.finish(chunk, index + 1);
    }
  }

  private structuralChar(char: string, chunk: string, index: number): void {
    if (WHITESPACE.has(char)) {
      return;
    }
    const top = this.stack.at(-1);
    if (char === ',' || char === ':') {
      if (top?.kind === 'object') {
        top.expectKey = char === ',';
      }
      return;
    }
    if (char === '}' || char === ']') {
      this.close(char, chunk, index);
      return;
    }
    this.valueStart(char, chunk, index, top);
  }

  private valueStart(char: string, chunk: string, index: number, top: Frame | undefined): void {
    const isKey = top?.kind === 'object' && top.expectKey;
    if (top?.rows === true && this.capture === undefined) {
      const scalar = char !== '{' && char !== '[';
      this.capture = { line: this.line, depth: this.stack.length, scalar, parts: [], from: index };
    }
    if (top === undefined && char === '{' && this.options.rootObjects === true) {
      this.root = { line: this.line, depth: 0, scalar: false, parts: [], from: index, size: 0 };
    }
    if (char === '"') {
      this.inString = true;
      // Keys are only remembered where a row path can still match, so large documents stay cheap.
      this.key = isKey && this.stack.length <= this.maxPathLength() ? '' : undefined;
    } else if (char === '{' || char === '[') {
      this.open(char === '{' ? 'object' : 'array');
    }
  }

  private open(kind: Frame['kind']): void {
    const rows = kind === 'array' && this.capture === undefined && this.matchesPath();
    if (rows) {
      // The root object is a page: its rows are the elements, not the page itself.
      this.root = undefined;
      this.rowArrayCount += 1;
    }
    this.stack.push({ kind, key: undefined, expectKey: kind === 'object', rows });
  }

  private close(char: string, chunk: string, index: number): void {
    const frame = this.stack.pop();
    if (frame === undefined || (frame.kind === 'object') !== (char === '}')) {
      throw new JsonDocumentError(this.line, `unexpected '${char}' in the JSON document`);
    }
    if (this.capture !== undefined && this.stack.length === this.capture.depth) {
      this.finish(chunk, index + 1);
    }
    if (this.root !== undefined && this.stack.length === 0) {
      this.root.parts.push(chunk.slice(this.root.from, index + 1));
      this.found.push({ line: this.root.line, text: this.root.parts.join('') });
      this.root = undefined;
    }
  }

  private finish(chunk: string, endIndex: number): void {
    const capture = this.capture as Capture;
    capture.parts.push(chunk.slice(capture.from, endIndex));
    this.found.push({ line: capture.line, text: capture.parts.join('') });
    this.capture = undefined;
  }

  private matchesPath(): boolean {
    return this.paths.some(
      (path) =>
        path.length === this.stack.length &&
        path.every((key, depth) => this.stack[depth]?.kind === 'object' && this.stack[depth].key === key),
    );
  }

  private maxPathLength(): number {
    return Math.max(0, ...this.paths.map((path) => path.length));
  }
}

function isDelimiter(char: string): boolean {
  return char === ',' || char === ']' || char === '}' || WHITESPACE.has(char);
}

/** The 1-based lines, relative to `text`, where each element of the array under `key` starts. */
export function elementLines(text: string, key: string): number[] {
  try {
    const scanner = new JsonElementScanner([[key]]);
    return [...scanner.push(text), ...scanner.end()].map((element) => element.line);
  } catch {
    return [];
  }
}
