import { AppError } from '@netra/shared';
import { isUuid } from './uuid.js';

/** A position in a list ordered by (time, id): opaque to clients, stable under inserts. */
export interface CursorPosition {
  at: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

/** The position a `?cursor=` names; 400 `validation_failed` on `query.cursor` when it is not one of ours. */
export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (cursor === undefined || cursor === '') {
    return undefined;
  }
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const date = typeof at === 'string' ? new Date(at) : new Date(Number.NaN);
    if (typeof id === 'string' && isUuid(id) && !Number.isNaN(date.getTime())) {
      return { at: date, id };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new AppError(400, 'validation_failed', 'query.cursor: not a cursor this API returned', {
    field: 'query.cursor',
  });
}

/** Splits `limit + 1` fetched rows into a page and the cursor of the next one. */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null;
  return { items, nextCursor };
}
