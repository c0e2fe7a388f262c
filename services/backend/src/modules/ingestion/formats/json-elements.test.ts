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
});
