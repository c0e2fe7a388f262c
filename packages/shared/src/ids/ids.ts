import { v7 as uuidv7 } from 'uuid';

/** A time-ordered unique id (UUIDv7), optionally with a readable prefix such as `run_`. */
export function newId(prefix?: string): string {
  const id = uuidv7();
  return prefix === undefined ? id : `${prefix}_${id}`;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller-supplied request id only when it is short and made of safe characters. */
export function isSafeRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}
