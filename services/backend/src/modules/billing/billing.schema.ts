/**
 * Wire shapes of the billing routes: the reconciliation window and the answer (the shared
 * reconciliation contract, also carried by `netra analyze`'s report).
 * @module
 */
import { reconciliationSchema } from '@netra/shared/contracts';
import { z } from 'zod';
import type { DayRange } from './billing.repository.js';

const DAY_MS = 86_400_000;

/** A date (`YYYY-MM-DD`) or an ISO-8601 date-time with zone. */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((value) => {
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return new Date(time);
});

/** `?from&to`: bills are daily, so the window widens to whole UTC days `[day of from, day after to's last instant)`. */
export const reconciliationQuerySchema = z
  .object({ from: instant.optional(), to: instant.optional() })
  .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, {
    message: '`from` must be before `to`',
    path: ['from'],
  });

/** The whole UTC days a window covers. */
export function toDayRange(query: z.output<typeof reconciliationQuerySchema>): DayRange {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return {
    from: query.from === undefined ? undefined : day(query.from),
    to: query.to === undefined ? undefined : day(new Date(Math.ceil(query.to.getTime() / DAY_MS) * DAY_MS)),
  };
}

export { reconciliationSchema };
