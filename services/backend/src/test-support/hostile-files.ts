/**
 * fast-check arbitraries for hostile usage-file uploads (`POST /api/v1/ingest/files`): JSON Lines,
 * CSV with columns named after Object's members, JSON documents and garbage, in any encoding. Rows
 * valid by construction are tracked by the line they sit on and their event id.
 * @module
 */
import fc from 'fast-check';
import {
  bodyEncoding,
  garbageBody,
  hostileEvent,
  hostileScalar,
  mostly,
  validEvent,
  type BodyEncoding,
} from './hostile-ingestion.js';

export interface FileCase {
  body: Buffer;
  query: string;
  contentType: string;
  encoding: BodyEncoding;
  validRows: { line: number; eventId: string }[];
}

type Line = { text: string; validId: string | undefined };

/** A line of text that is no JSON: newlines removed, so it stays one line. */
const garbageLine = fc.string({ unit: 'binary', maxLength: 60 }).map((text) => text.replace(/[\r\n]/g, ' '));

function tracked(lines: readonly Line[], firstLine: number): FileCase['validRows'] {
  return lines.flatMap((line, index) =>
    line.validId === undefined ? [] : [{ line: firstLine + index, eventId: line.validId }],
  );
}

const validLine = validEvent.map((event) => ({ text: JSON.stringify(event.fields), validId: event.id }));

/** JSON Lines led by a valid event (so the format is canonical), then valid, hostile, blank and garbage lines. */
const jsonLines = fc
  .tuple(
    validLine,
    fc.array(
      fc.oneof(
        validLine,
        hostileEvent.map((text) => ({ text, validId: undefined })),
        fc.constantFrom('', '   ', '\r').map((text) => ({ text, validId: undefined })),
        garbageLine.map((text) => ({ text, validId: undefined })),
      ),
      { maxLength: 8 },
    ),
    fc.constantFrom('format=canonical', 'format=auto', ''),
  )
  .map(([first, rest, query]) => {
    const lines = [first, ...rest];
    return { text: lines.map((line) => line.text).join('\n'), validRows: tracked(lines, 1), query };
  });

/** A JSON document: one element per line after the opening bracket. */
const jsonDocument = fc
  .tuple(
    validLine,
    fc.array(
      fc.oneof(
        validLine,
        hostileEvent.map((text) => ({ text, validId: undefined })),
      ),
      { maxLength: 6 },
    ),
  )
  .map(([first, rest]) => {
    const lines = [first, ...rest];
    return {
      text: `[\n${lines.map((line) => line.text).join(',\n')}\n]`,
      validRows: tracked(lines, 2),
      query: 'format=canonical',
    };
  });

/** RFC 4180 cell: quoted, inner quotes doubled, kept on one line. */
const cell = (value: string) => `"${value.replace(/[\r\n]/g, ' ').replaceAll('"', '""')}"`;

const csvValidRow = validEvent.map((event) => {
  const { event_id: id, timestamp, model, input_tokens: input, output_tokens: output } = event.fields;
  const cells = [
    id,
    typeof timestamp === 'number' ? new Date(timestamp).toISOString() : timestamp,
    model,
    input,
    output,
  ];
  return {
    text: [...cells.map((value) => cell(String(value))), '"c"', '"p"', '"x"'].join(','),
    validId: event.id,
  };
});

const csvHostileRow = fc
  .array(fc.oneof(hostileScalar, garbageLine), { minLength: 1, maxLength: 9 })
  .map((cells) => ({ text: cells.map(cell).join(','), validId: undefined }));

/** CSV whose columns include __proto__, constructor and prototype, mapped to canonical fields and metadata. */
const csvFile = fc
  .tuple(fc.array(fc.oneof(csvValidRow, csvHostileRow), { maxLength: 8 }), fc.boolean())
  .map(([rows, mapPrototypeColumns]) => {
    const header = 'id,ts,__proto__,in,out,constructor,prototype,toString';
    const map = [
      'id=event_id',
      'ts=timestamp',
      '__proto__=model',
      'in=input_tokens',
      'out=output_tokens',
      ...(mapPrototypeColumns ? ['constructor=metadata.constructor', 'prototype=metadata.prototype'] : []),
    ];
    return {
      text: [header, ...rows.map((row) => row.text)].join('\n'),
      validRows: tracked(rows, 2),
      query: `format=csv&map=${encodeURIComponent(map.join(','))}`,
    };
  });

/** Files no reader can make sense of, with any query, including invalid ones. */
const garbageFile = fc
  .tuple(
    garbageBody,
    fc.constantFrom(
      '',
      'format=auto',
      'format=csv',
      'format=openai',
      'format=xml',
      'map=a',
      'timestamp_base=nope',
    ),
  )
  .map(([body, query]) => ({ text: body.toString('latin1'), validRows: [], query }));

export const fileCase: fc.Arbitrary<FileCase> = fc
  .record({
    file: fc.oneof(
      { weight: 4, arbitrary: jsonLines },
      { weight: 2, arbitrary: csvFile },
      jsonDocument,
      garbageFile,
    ),
    contentType: mostly(
      ['application/x-ndjson', 'text/csv', 'application/octet-stream', 'application/json'],
      ['', 'text/plain; charset=utf-16'],
    ),
    encoding: bodyEncoding,
  })
  .map(({ file, contentType, encoding }) => ({
    body: Buffer.from(file.text, file.validRows.length === 0 ? 'latin1' : 'utf8'),
    query: file.query,
    contentType,
    encoding,
    validRows: file.validRows,
  }));
