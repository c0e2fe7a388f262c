/** A stream id as Redis orders them: milliseconds, then a sequence within the millisecond. */
export interface StreamId {
  ms: bigint;
  seq: bigint;
}

const ID_PATTERN = /^(\d{1,20})(?:-(\d{1,20}))?$/;

/** Parses `<ms>-<seq>` or `<ms>` (sequence 0), as Redis reads an id given to XADD, XRANGE or XREAD. */
export function parseStreamId(text: string): StreamId {
  const match = ID_PATTERN.exec(text);
  if (match === null) {
    throw new Error(`invalid stream id "${text}": expected <ms>-<seq>`);
  }
  return { ms: BigInt(match[1] ?? '0'), seq: BigInt(match[2] ?? '0') };
}

export function formatStreamId(id: StreamId): string {
  return `${id.ms.toString()}-${id.seq.toString()}`;
}

export function compareStreamIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) {
    return a.ms < b.ms ? -1 : 1;
  }
  return a.seq === b.seq ? 0 : a.seq < b.seq ? -1 : 1;
}

export const ZERO_STREAM_ID: StreamId = { ms: 0n, seq: 0n };

/** The id Redis gives an entry appended at `nowMs` after `last`: the clock, never going backwards. */
export function nextStreamId(last: StreamId, nowMs: number): StreamId {
  const ms = BigInt(Math.floor(nowMs));
  return ms > last.ms ? { ms, seq: 0n } : { ms: last.ms, seq: last.seq + 1n };
}

/** Checks an explicit id the way XADD does: above 0-0 and above the stream's last id. */
export function explicitStreamId(text: string, last: StreamId): StreamId {
  const id = parseStreamId(text);
  if (compareStreamIds(id, ZERO_STREAM_ID) <= 0) {
    throw new Error('The ID specified in XADD must be greater than 0-0');
  }
  if (compareStreamIds(id, last) <= 0) {
    throw new Error('The ID specified in XADD is equal or smaller than the target stream top item');
  }
  return id;
}
