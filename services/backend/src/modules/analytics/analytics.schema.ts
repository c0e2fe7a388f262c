/**
 * Wire shapes of the analytics routes: the window, bucket, grouping and filters of a query (parsed
 * and checked here, so every refusal is a 400 naming its field) and the answers (shared contracts).
 * @module
 */
import { analyticsBucketSchema, spendAnswerSchema, spendSummarySchema } from '@netra/shared/contracts';
import { z } from 'zod';
import type { AnalyticsQuery, Filters, GroupBy } from './analytics-query.js';
import { bucketCount, DEFAULT_WINDOW_MS, HOUR_MS, MAX_BUCKETS, MAX_WINDOW_DAYS } from './analytics-query.js';

export { spendAnswerSchema, spendSummarySchema };

/** A date (`YYYY-MM-DD`, midnight UTC) or an ISO-8601 date-time with zone, on a whole UTC hour. */
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)))
  .refine((date) => date.getTime() % HOUR_MS === 0, {
    message: 'must fall on a whole UTC hour (the aggregates are hourly)',
  });

/** A filter given once or repeated (`?model=a&model=b`): any of the values. */
const values = z
  .union([z.string().min(1).max(256), z.array(z.string().min(1).max(256)).min(1).max(50)])
  .transform((value) => (Array.isArray(value) ? value : [value]));

const KEYED = /^(tag|meta):(.{1,128})$/;

const groupBy = z
  .string()
  .refine(
    (value) =>
      ['model', 'provider', 'feature', 'user_id', 'environment'].includes(value) || KEYED.test(value),
    {
      message: 'one of model, provider, feature, user_id, environment, tag:<key>, meta:<key>',
    },
  )
  .transform((value): GroupBy => {
    const keyed = KEYED.exec(value);
    return keyed === null
      ? { kind: value as Exclude<GroupBy['kind'], 'tag' | 'meta'> }
      : { kind: keyed[1] as 'tag' | 'meta', key: keyed[2] ?? '' };
  });

/** `meta=<key>:<value>`, repeatable: the metadata key holds one of the values given for it. */
const metaFilter = values.refine((pairs) => pairs.every((pair) => /^[^:]+:/.test(pair)), {
  message: 'each meta filter is <key>:<value>',
});

const filterFields = {
  model: values.optional(),
  provider: values.optional(),
  feature: values.optional(),
  user_id: values.optional(),
  environment: values.optional(),
  status: z
    .union([z.enum(['success', 'error']), z.array(z.enum(['success', 'error']))])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional(),
  tag: values.optional(),
  meta: metaFilter.optional(),
};

const windowFields = { from: instant.optional(), to: instant.optional() };

type WindowInput = { from?: Date | undefined; to?: Date | undefined };

function resolveWindow(input: WindowInput, now = Date.now()): { from: Date; to: Date } {
  const to = input.to ?? new Date(Math.ceil(now / HOUR_MS) * HOUR_MS);
  const from = input.from ?? new Date(to.getTime() - DEFAULT_WINDOW_MS);
  return { from, to };
}

function checkWindow(input: WindowInput, context: z.RefinementCtx): void {
  const { from, to } = resolveWindow(input);
  if (from >= to) {
    context.addIssue({ code: 'custom', path: ['from'], message: '`from` must be before `to`' });
  } else if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 24 * HOUR_MS) {
    context.addIssue({
      code: 'custom',
      path: ['to'],
      message: `a window spans at most ${MAX_WINDOW_DAYS} days`,
    });
  }
}

type ParsedFilters = Omit<Partial<Record<keyof typeof filterFields, string[]>>, 'status'> &
  Pick<Filters, 'status'>;

function filtersOf(query: ParsedFilters): Filters {
  const meta = new Map<string, string[]>();
  for (const pair of query.meta ?? []) {
    const at = pair.indexOf(':');
    const key = pair.slice(0, at);
    meta.set(key, [...(meta.get(key) ?? []), pair.slice(at + 1)]);
  }
  const { model, provider, feature, user_id, environment, status, tag } = query;
  return { model, provider, feature, user_id, environment, status, tag, meta };
}

/** `?from&to&<filters>` of the summary. */
export const summaryQuerySchema = z
  .object({ ...windowFields, ...filterFields })
  .superRefine(checkWindow)
  .transform((query) => ({ ...resolveWindow(query), filters: filtersOf(query) }));

/** `?from&to&bucket&group_by&limit&<filters>` of the spend chart. */
export const spendQuerySchema = z
  .object({
    ...windowFields,
    bucket: analyticsBucketSchema.default('day'),
    group_by: groupBy.optional(),
    /** The largest groups shown apart; the rest are summed into one `other` series. */
    limit: z.coerce.number().int().min(1).max(100).default(20),
    ...filterFields,
  })
  .superRefine((query, context) => {
    checkWindow(query, context);
    const { from, to } = resolveWindow(query);
    const buckets = bucketCount(query.bucket, from, to);
    if (from < to && buckets > MAX_BUCKETS) {
      context.addIssue({
        code: 'custom',
        path: ['bucket'],
        message: `${buckets} ${query.bucket} buckets in this window; at most ${MAX_BUCKETS} (choose a wider bucket or a shorter window)`,
      });
    }
  })
  .transform((query): AnalyticsQuery => ({
    ...resolveWindow(query),
    bucket: query.bucket,
    groupBy: query.group_by,
    limit: query.limit,
    filters: filtersOf(query),
  }));
