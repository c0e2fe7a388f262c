import { describe, expect, it } from 'vitest';
import { readUploadAnswer } from './upload-answer';

const totals = {
  format: 'csv',
  bytes: 300,
  rows: 4,
  accepted: 2,
  stored: 2,
  duplicates: 0,
  unpriced: 0,
  rejected: 2,
  skipped: {},
  kind: 'usage',
};
const progress = JSON.stringify({ type: 'progress', ...totals, rows: 2, rejected: 0 });
const done = JSON.stringify({
  type: 'done',
  ...totals,
  errors: [
    { line: 3, field: 'model', reason: 'must not be empty' },
    { line: 5, field: 'timestamp', reason: 'must be ISO-8601 text or epoch milliseconds' },
  ],
});

describe('readUploadAnswer', () => {
  it('reads only whole lines while the answer streams', () => {
    const answer = readUploadAnswer(`${progress}\n${done.slice(0, 20)}`, false);
    expect(answer.totals?.rows).toBe(2);
    expect(answer.finished).toBe(false);
    expect(answer.errors).toBeNull();
  });

  it('takes the totals and the refused lines from done', () => {
    const answer = readUploadAnswer(`${progress}\n${done}\n`, true);
    expect(answer.finished).toBe(true);
    expect(answer.failure).toBeNull();
    expect(answer.totals).toMatchObject({ rows: 4, stored: 2, rejected: 2 });
    expect(answer.totals).not.toHaveProperty('errors');
    expect(answer.errors?.map((error) => `${error.line}:${error.field}`)).toEqual(['3:model', '5:timestamp']);
  });

  it('reads a last line without a newline once the body is complete', () => {
    expect(readUploadAnswer(done, true).errors).toHaveLength(2);
  });

  it('reports an import that broke off after it began', () => {
    const error = JSON.stringify({
      type: 'error',
      code: 'shutting_down',
      message: 'The server is shutting down',
    });
    const answer = readUploadAnswer(`${progress}\n${error}\n`, true);
    expect(answer.failure).toEqual({ code: 'shutting_down', message: 'The server is shutting down' });
    expect(answer.totals?.rows).toBe(2);
  });

  it('says so when the body ends without done', () => {
    expect(readUploadAnswer(`${progress}\n`, true).failure?.code).toBe('incomplete_answer');
  });

  it('says so when a line cannot be read', () => {
    expect(readUploadAnswer('<html>\n', true).failure?.code).toBe('invalid_response');
  });
});
