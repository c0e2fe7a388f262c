/**
 * Reads the answer of a file upload as it streams in: NDJSON lines of `progress` (running totals
 * after each batch), then `done` (totals and every refused line) or `error` (the import broke off
 * after the answer had started). Pure, so the screen re-reads the text on every progress event.
 * @module
 */
import {
  fileImportUpdateSchema,
  importTotalsSchema,
  type FileImportUpdate,
  type ImportTotals,
  type LineError,
} from '@netra/shared/contracts';

export interface UploadAnswer {
  /** The latest running totals (from `progress` or `done`); null before the first line. */
  totals: ImportTotals | null;
  /** The refused lines, once `done` arrived; null before. */
  errors: LineError[] | null;
  /** Why the import broke off, when an `error` line or an unreadable line arrived. */
  failure: { code: string; message: string } | null;
  finished: boolean;
}

const EMPTY: UploadAnswer = { totals: null, errors: null, failure: null, finished: false };

/** The totals of an update without its `type` and `errors` (the schema strips keys it does not name). */
function totalsOf(update: Exclude<FileImportUpdate, { type: 'error' }>): ImportTotals {
  return importTotalsSchema.parse(update);
}

function apply(answer: UploadAnswer, update: FileImportUpdate): UploadAnswer {
  switch (update.type) {
    case 'progress':
      return { ...answer, totals: totalsOf(update) };
    case 'done':
      return { ...answer, totals: totalsOf(update), errors: update.errors, finished: true };
    case 'error':
      return { ...answer, failure: { code: update.code, message: update.message }, finished: true };
  }
}

function parseLine(line: string): FileImportUpdate | null {
  try {
    const parsed = fileImportUpdateSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The answer so far. Only whole lines are read while streaming; `complete` says the body has
 * ended, so a last line without a newline counts too.
 */
export function readUploadAnswer(text: string, complete: boolean): UploadAnswer {
  const lines = text.split('\n');
  const whole = complete ? lines : lines.slice(0, -1);
  let answer = EMPTY;
  for (const line of whole.filter((candidate) => candidate.trim() !== '')) {
    const update = parseLine(line);
    answer =
      update === null
        ? { ...answer, failure: { code: 'invalid_response', message: 'The upload answer could not be read' } }
        : apply(answer, update);
  }
  if (complete && !answer.finished && answer.failure === null) {
    const message = 'The upload ended before the import finished; the rows counted so far are stored';
    return { ...answer, failure: { code: 'incomplete_answer', message }, finished: true };
  }
  return answer;
}
