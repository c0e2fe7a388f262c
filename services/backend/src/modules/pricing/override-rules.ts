/**
 * The rules an organization's overrides obey: what an override targets, and that two overrides on
 * one target are never in force at the same instant (so which one priced an event is never a matter
 * of ordering). A model_price, an alias and a discount on the same model are different targets: they
 * combine as the optimizer combines them (the model's own price, then the most specific discount).
 * @module
 */
import { AppError } from '@netra/shared';
import type { PriceOverride } from '@netra/optimizer';

const lower = (value: string | undefined) => value?.trim().toLowerCase() ?? '*';

/** What an override applies to: kind, provider and model (and the prefix rule of a price list). */
export function overrideTarget(spec: PriceOverride): string {
  const scope = `${lower(spec.provider)}/${lower(spec.model)}`;
  return spec.kind === 'model_price'
    ? `model_price:${spec.match ?? 'exact'}:${scope}`
    : `${spec.kind}:${scope}`;
}

/** A half-open range in epoch milliseconds; null ends are open. */
export interface Range {
  fromMs: number | null;
  toMs: number | null;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  const startsBeforeEnd = (start: number | null, end: number | null) =>
    start === null || end === null || start < end;
  return startsBeforeEnd(a.fromMs, b.toMs) && startsBeforeEnd(b.fromMs, a.toMs);
}

/** 400 naming `effective_to` when the range is empty or backwards. */
export function assertRange(range: Range): void {
  if (range.fromMs !== null && range.toMs !== null && range.fromMs >= range.toMs) {
    throw new AppError(400, 'validation_failed', 'effective_to: must be after effective_from', {
      field: 'body.effective_to',
    });
  }
}

/** 409 naming the override already in force on the same target for part of the range. */
export function assertNoOverlap(range: Range, others: readonly (Range & { id: string })[]): void {
  const clash = others.find((other) => rangesOverlap(range, other));
  if (clash !== undefined) {
    throw new AppError(
      409,
      'price_override_overlap',
      'Another override on the same model, provider and kind is in force for part of this range; end it first',
      { details: { conflicting_id: clash.id } },
    );
  }
}
