import { z } from 'zod';
import { COST_FILE_FORMATS } from './formats/billed-cost.types.js';
import { USAGE_FILE_FORMATS } from './formats/file-format.types.js';
import type { FileLimits } from './formats/file-limits.js';

/**
 * What one upload may hold, decompressed: 512 MiB, 2,000,000 lines (blank ones count) and as many
 * rows — about a million typical events with room to spare. Larger files are split by the client
 * (or analyzed locally with `netra analyze`, which has no limits).
 */
export const FILE_IMPORT_LIMITS: FileLimits = {
  bytes: 512 * 1024 * 1024,
  lines: 2_000_000,
  rows: 2_000_000,
};

/**
 * `col=field,col2=field2` → `{col: field, col2: field2}`. Prototype-less, so a column named
 * `__proto__` or `constructor` is an ordinary entry (and no column finds Object's own members).
 */
const columnMap = z.string().transform((value, context) => {
  const map = Object.create(null) as Record<string, string>;
  for (const pair of value.split(',').filter((item) => item.trim() !== '')) {
    const [column, field, ...rest] = pair.split('=');
    if (
      column === undefined ||
      field === undefined ||
      rest.length > 0 ||
      column.trim() === '' ||
      field.trim() === ''
    ) {
      context.addIssue({ code: 'custom', message: `"${pair}" is not column=field` });
      return z.NEVER;
    }
    map[column.trim()] = field.trim();
  }
  return map;
});

/** Every `format` an upload may name: the usage formats and the cost exports (stored as billed cost). */
export const IMPORT_FILE_FORMATS = [...USAGE_FILE_FORMATS, ...COST_FILE_FORMATS] as const;

/** Query parameters of `POST /api/v1/ingest/files` and `POST /api/v1/orgs/{org_id}/ingest/files`. */
export const fileImportQuerySchema = z.object({
  format: z.enum(IMPORT_FILE_FORMATS).default('auto'),
  map: columnMap.optional(),
  model: z.string().min(1).max(256).optional(),
  provider: z.string().min(1).max(64).optional(),
  timestamp_base: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional(),
});

/** The 200 answer of an upload, as documented in /openapi.json (each line a `FileImportUpdate`). */
export const fileImportUpdatesSchema = z
  .string()
  .describe(
    'application/x-ndjson, streamed: a `progress` line after each batch, then `done` with the refused lines ' +
      '(line, field, reason), or a final `error` line when the import broke off after the answer began',
  );
