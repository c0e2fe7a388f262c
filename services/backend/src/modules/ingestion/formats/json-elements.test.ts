import { describe, expect, it } from 'vitest';
import { elementLines, JsonDocumentError, JsonElementScanner, type JsonElement } from './json-elements.js';

function scanInPieces(text: string, size: number, paths: string[][]): JsonElement[] {
  const scanner = new JsonElementScanner(paths);
  const found: JsonElement[] = [];
  for (let start = 0; start < text.length; start += size) {
    found.push(...scanner.push(text.slice(start, start + size)));
  }
  return [...found, ...scanner.end()];
}

describe('JsonElementScanner', () => {
  const document =
    '{\n  "object": "page",\n  "data": [\n    {"a": "x]}\\"", "b": [1, {"c": 2}]},\n    42,\n    "s,]"\n  ],\n  "meta": {"data": [9]}\n}\n';

  it('cuts out the rows under `data` with their start lines, whatever the piece size', () => {
    for (const size of [1, 2, 5, 1000]) {
      expect(scanInPieces(document, size, [[], ['data']])).toEqual([
        { line: 4, text: '{"a": "x]}\\"", "b": [1, {"c": 2}]}' },
        { line: 5, text: '42' },
        { line: 6, text: '"s,]"' },
      ]);
    }
  });

  it('reads a root array and several documents in a row', () => {
    expect(scanInPieces('[{"a":1},\n{"a":2}]\n[{"a":3}]', 3, [[]]).map((element) => element.text)).toEqual([
      '{"a":1}',
      '{"a":2}',
      '{"a":3}',
    ]);
  });

  it('throws at the line of a mismatched bracket and at an unfinished document', () => {
    expect(() => scanInPieces('[\n{"a": 1]\n', 4, [[]])).toThrow(JsonDocumentError);
    expect(() => scanInPieces('[{"a": 1}', 4, [[]])).toThrow(/ends before it is complete/);
  });

  it('finds the lines of nested results relative to their bucket', () => {
    expect(elementLines('{"results": [\n  {"x": 1},\n\n  {"x": 2}\n]}', 'results')).toEqual([2, 4]);
  });

  it('takes root objects without a row array as elements, and pages by their rows', () => {
    const text = '{"a": {"data": [1]}}\n{"data": [{"b": 1}], "next": null}\n{\n  "c": [2]\n}';
    for (const size of [1, 3, 1000]) {
      const scanner = new JsonElementScanner([[], ['data']], { rootObjects: true });
      const found: JsonElement[] = [];
      for (let start = 0; start < text.length; start += size) {
        found.push(...scanner.push(text.slice(start, start + size)));
      }
      expect([...found, ...scanner.end()]).toEqual([
        { line: 1, text: '{"a": {"data": [1]}}' },
        { line: 2, text: '{"b": 1}' },
        { line: 3, text: '{\n  "c": [2]\n}' },
      ]);
      expect(scanner.rowArrays).toBe(1);
    }
  });

  it('refuses a root object longer than it may hold, at the line it starts', () => {
    const scanner = new JsonElementScanner([[]], { rootObjects: true, maxRootObjectChars: 10 });
    scanner.push('\n{"a": ');
    scanner.push('"0123456789"');
    expect(() => scanner.push('}')).toThrow(
      new JsonDocumentError(2, 'a JSON object of the document is too long to read'),
    );
  });
});
