/**
 * Bill reconciliation, pure: the provider's billed cost next to Netra's cost of the same usage, per
 * day × provider × model (× project where both sides name one). Each side is compared at the detail
 * the bill has: a day whose bill is not itemised by model compares all that day's models together,
 * and projects count only when both the bill and the usage name them. Providers with usage but no
 * bill at all are left out (nothing was uploaded to compare them with) and said so in the notes.
 * @module
 */
import type { Reconciliation, ReconciliationRow, ReconciliationStatus } from '@netra/shared/contracts';
import type { DailyUsageCost } from '#modules/usage/usage-daily-costs.js';
import type { DailyBilledCost } from './billing.repository.js';

/** A slice is `matched` while |billed − usage| stays within the larger of these. */
export interface Tolerance {
  usd: number;
  pct: number;
}

/** List prices rarely meet a bill to the cent (rounding, credits): 1% or one cent is still a match. */
export const DEFAULT_TOLERANCE: Tolerance = { usd: 0.01, pct: 1 };

interface Slice {
  day: string;
  provider: string;
  model: string;
  project: string;
  usage?: { requests: number; unpriced: number; cost: number; reported: number | null };
  billed?: { cost: number; lineItems: Set<string> };
}

/** Reconciles billed lines with usage; `usage` may hold providers the bill does not cover. */
export function reconcile(
  usage: readonly DailyUsageCost[],
  billed: readonly DailyBilledCost[],
  tolerance: Tolerance = DEFAULT_TOLERANCE,
): Reconciliation {
  const billedProviders = new Set(billed.map((row) => row.provider));
  const covered = usage.filter((row) => billedProviders.has(row.provider));
  const slices = mergeSlices(covered, billed);
  const rows = [...slices.values()].sort(bySliceKey).map((slice) => toRow(slice, tolerance));
  return {
    period: periodOf(rows),
    totals: totalsOf(rows),
    tolerance,
    missing: missingOf(rows, billed),
    rows,
    notes: notesOf(usage, billed, billedProviders, rows),
  };
}

/** How a day of one provider is compared: per model only when its bill is itemised, per project when both name one. */
function granularity(usage: readonly DailyUsageCost[], billed: readonly DailyBilledCost[]) {
  return {
    byModel: billed.length === 0 || billed.some((row) => row.model !== ''),
    byProject: billed.some((row) => row.project !== '') && usage.some((row) => row.project !== ''),
  };
}

function mergeSlices(
  usage: readonly DailyUsageCost[],
  billed: readonly DailyBilledCost[],
): Map<string, Slice> {
  const slices = new Map<string, Slice>();
  const usageByDay = groupBy(usage, (row) => `${row.day}|${row.provider}`);
  const billedByDay = groupBy(billed, (row) => `${row.day}|${row.provider}`);
  for (const dayKey of new Set([...usageByDay.keys(), ...billedByDay.keys()])) {
    mergeDay(slices, usageByDay.get(dayKey) ?? [], billedByDay.get(dayKey) ?? []);
  }
  return slices;
}

/** Adds one day of one provider, at the detail its bill allows. */
function mergeDay(
  slices: Map<string, Slice>,
  usage: readonly DailyUsageCost[],
  billed: readonly DailyBilledCost[],
): void {
  const detail = granularity(usage, billed);
  const keyOf = (row: { day: string; provider: string; model: string; project: string }) => ({
    day: row.day,
    provider: row.provider,
    model: detail.byModel ? row.model : '',
    project: detail.byProject ? row.project : '',
  });
  for (const row of usage) {
    addUsage(sliceAt(slices, keyOf(row)), row);
  }
  for (const row of billed) {
    addBilled(sliceAt(slices, keyOf(row)), row);
  }
}

function sliceAt(slices: Map<string, Slice>, key: Omit<Slice, 'usage' | 'billed'>): Slice {
  const id = `${key.day}|${key.provider}|${key.model}|${key.project}`;
  let slice = slices.get(id);
  if (slice === undefined) {
    slice = { ...key };
    slices.set(id, slice);
  }
  return slice;
}

function addUsage(slice: Slice, row: DailyUsageCost): void {
  const usage = (slice.usage ??= { requests: 0, unpriced: 0, cost: 0, reported: null });
  usage.requests += row.requests;
  usage.unpriced += row.unpriced_requests;
  usage.cost += row.cost_usd;
  if (row.reported_cost_usd !== null) {
    usage.reported = (usage.reported ?? 0) + row.reported_cost_usd;
  }
}

function addBilled(slice: Slice, row: DailyBilledCost): void {
  const billed = (slice.billed ??= { cost: 0, lineItems: new Set() });
  billed.cost += row.billed_cost_usd;
  for (const item of row.line_items) {
    billed.lineItems.add(item);
  }
}

function toRow(slice: Slice, tolerance: Tolerance): ReconciliationRow {
  const usageCost = slice.usage?.cost ?? 0;
  const billedCost = slice.billed?.cost ?? 0;
  const reported = slice.usage?.reported ?? null;
  return {
    day: slice.day,
    provider: slice.provider,
    model: slice.model === '' ? null : slice.model,
    project: slice.project === '' ? null : slice.project,
    requests: slice.usage?.requests ?? 0,
    unpriced_requests: slice.usage?.unpriced ?? 0,
    usage_cost_usd: money(usageCost),
    reported_cost_usd: reported === null ? null : money(reported),
    billed_cost_usd: money(billedCost),
    ...gapOf(usageCost, billedCost),
    status: statusOf(slice, usageCost, billedCost, tolerance),
    line_items: [...(slice.billed?.lineItems ?? [])].sort(),
  };
}

function statusOf(slice: Slice, usage: number, billed: number, tolerance: Tolerance): ReconciliationStatus {
  if (slice.billed === undefined) {
    return 'usage_without_bill';
  }
  if (slice.usage === undefined) {
    return 'billed_without_usage';
  }
  const gap = billed - usage;
  if (Math.abs(gap) <= Math.max(tolerance.usd, (Math.abs(billed) * tolerance.pct) / 100)) {
    return 'matched';
  }
  return gap > 0 ? 'billed_more' : 'billed_less';
}

function gapOf(usage: number, billed: number): { gap_usd: number; gap_pct: number | null } {
  const gap = billed - usage;
  return { gap_usd: money(gap), gap_pct: billed === 0 ? null : round((gap / billed) * 100, 2) };
}

function totalsOf(rows: readonly ReconciliationRow[]): Reconciliation['totals'] {
  const usage = sum(rows.map((row) => row.usage_cost_usd));
  const billed = sum(rows.map((row) => row.billed_cost_usd));
  const reported = rows.filter((row) => row.reported_cost_usd !== null);
  return {
    usage_cost_usd: money(usage),
    reported_cost_usd:
      reported.length === 0 ? null : money(sum(reported.map((row) => row.reported_cost_usd ?? 0))),
    billed_cost_usd: money(billed),
    ...gapOf(usage, billed),
  };
}

function periodOf(rows: readonly ReconciliationRow[]): Reconciliation['period'] {
  const days = rows.map((row) => row.day).sort();
  const [start] = days;
  const end = days.at(-1);
  return start === undefined || end === undefined ? null : { start, end };
}

function missingOf(
  rows: readonly ReconciliationRow[],
  billed: readonly DailyBilledCost[],
): Reconciliation['missing'] {
  const usedDays = new Set(rows.filter((row) => row.requests > 0).map((row) => row.day));
  const billedDays = new Set(rows.filter((row) => row.line_items.length > 0).map((row) => row.day));
  const billedModels = new Set(
    billed.filter((row) => row.model !== '').map((row) => `${row.provider}|${row.model}`),
  );
  const itemisedProviders = new Set(billed.filter((row) => row.model !== '').map((row) => row.provider));
  const usedModels = new Set(rows.filter((row) => row.requests > 0 && row.model !== null).map(modelRef));
  return {
    days_billed_without_usage: [...billedDays].filter((day) => !usedDays.has(day)).sort(),
    days_used_without_bill: [...usedDays].filter((day) => !billedDays.has(day)).sort(),
    models_billed_without_usage: refs([...billedModels].filter((model) => !usedModels.has(model))),
    models_used_without_bill: refs(
      [...usedModels].filter(
        (model) => !billedModels.has(model) && itemisedProviders.has(model.split('|')[0] ?? ''),
      ),
    ),
  };
}

function notesOf(
  usage: readonly DailyUsageCost[],
  billed: readonly DailyBilledCost[],
  billedProviders: ReadonlySet<string>,
  rows: readonly ReconciliationRow[],
): string[] {
  const unbilled = [...new Set(usage.map((row) => row.provider))].filter(
    (provider) => !billedProviders.has(provider),
  );
  const notes = unbilled.map((provider) => unbilledNote(provider, usage));
  notes.push(...unitemisedNotes(billed, billedProviders));
  notes.push(...toolLineNotes(rows));
  const unpriced = sum(rows.map((row) => row.unpriced_requests));
  if (unpriced > 0) {
    notes.push(
      `${unpriced} requests are on models the catalog cannot price: their cost is missing from Netra's side.`,
    );
  }
  return notes;
}

/** A provider with usage and no bill: Netra's cost, and the source's stated cost when it gave one. */
function unbilledNote(provider: string, usage: readonly DailyUsageCost[]): string {
  const rows = usage.filter((row) => row.provider === provider);
  const stated = rows.filter((row) => row.reported_cost_usd !== null);
  const statedText =
    stated.length === 0
      ? ''
      : `; $${sum(stated.map((row) => row.reported_cost_usd ?? 0)).toFixed(2)} as the usage source stated it`;
  const cost = sum(rows.map((row) => row.cost_usd)).toFixed(2);
  return `Usage of ${provider} ($${cost} at Netra's prices${statedText}) has no cost export to compare with; not reconciled.`;
}

/** Tool lines (web search, storage) billed apart from the models on days whose bill is itemised. */
function toolLineNotes(rows: readonly ReconciliationRow[]): string[] {
  const itemisedDays = new Set(
    rows.filter((row) => row.model !== null).map((row) => `${row.day}|${row.provider}`),
  );
  const toolLines = rows.filter(
    (row) =>
      row.model === null && row.line_items.length > 0 && itemisedDays.has(`${row.day}|${row.provider}`),
  );
  if (toolLines.length === 0) {
    return [];
  }
  return [
    'Lines billed without a model (tool calls such as web search, storage) are compared on their own; ' +
      "Netra counts the web search fees it prices in the model's cost, so such a day may show the model " +
      'billed less and the tool line billed without usage.',
  ];
}

function unitemisedNotes(billed: readonly DailyBilledCost[], providers: ReadonlySet<string>): string[] {
  const unitemised = [...providers].filter((provider) =>
    billed.filter((row) => row.provider === provider).every((row) => row.model === ''),
  );
  return unitemised.map(
    (provider) =>
      `The ${provider} bill is not itemised by model, so its days are compared for all models together ` +
      '(export the costs grouped by line item for a per-model comparison).',
  );
}

function modelRef(row: ReconciliationRow): string {
  return `${row.provider}|${row.model ?? ''}`;
}

function refs(keys: readonly string[]): { provider: string; model: string }[] {
  return [...keys].sort().map((key) => {
    const [provider = '', model = ''] = key.split('|');
    return { provider, model };
  });
}

function bySliceKey(a: Slice, b: Slice): number {
  const left = [a.day, a.provider, a.model, a.project];
  const right = [b.day, b.provider, b.model, b.project];
  for (let index = 0; index < left.length; index += 1) {
    const [x = '', y = ''] = [left[index], right[index]];
    if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const id = key(row);
    const group = groups.get(id);
    if (group === undefined) {
      groups.set(id, [row]);
    } else {
      group.push(row);
    }
  }
  return groups;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Dollars to 1e-10: sums of float prices carry noise far below that, bills state sub-cent figures above it. */
function money(value: number): number {
  return round(value, 10);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
