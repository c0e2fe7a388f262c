import { z } from 'zod';

/** PostgreSQL text cannot hold U+0000, so free text refuses it at the boundary instead of failing later. */
export function plainText(options: { min?: number; max: number; trim?: boolean }) {
  const base = options.trim === false ? z.string() : z.string().trim();
  return base
    .min(options.min ?? 0)
    .max(options.max)
    .refine((value) => !value.includes('\u0000'), { message: 'must not contain NUL characters' });
}
