import { z } from 'zod';
import { USAGE_FILE_FORMATS } from './formats/file-format.types.js';

/** `col=field,col2=field2` → `{col: field, col2: field2}`. */
const columnMap = z.string().transform((value, context) => {
  const map: Record<string, string> = {};
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

/** Query parameters of `POST /api/v1/ingest/files`. */
export const fileImportQuerySchema = z.object({
  format: z.enum(USAGE_FILE_FORMATS).default('auto'),
  map: columnMap.optional(),
  model: z.string().min(1).max(256).optional(),
  provider: z.string().min(1).max(64).optional(),
  timestamp_base: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional(),
});
