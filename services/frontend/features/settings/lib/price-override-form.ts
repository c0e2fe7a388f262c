/**
 * The price-override form's values and the request body they become. The three kinds are the
 * optimizer's (`model_price`: a model's own price per million tokens; `alias`: this id means that
 * catalog model; `discount`: percent off a provider, a model or everything). The backend validates
 * the spec with the optimizer's own schema and names the failing field, which `OVERRIDE_FIELD_ALIASES`
 * maps back onto these inputs.
 * @module
 */
import type { PriceOverrideRecord } from '@netra/shared/contracts';

export const OVERRIDE_KINDS = ['model_price', 'alias', 'discount'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

export const OVERRIDE_KIND_LABELS: Record<OverrideKind, string> = {
  model_price: 'Model price',
  alias: 'Alias',
  discount: 'Discount',
};

export interface OverrideFormValues {
  kind: OverrideKind;
  model: string;
  provider: string;
  input_mtok: string;
  output_mtok: string;
  cache_read_mtok: string;
  target_model: string;
  target_provider: string;
  percent: string;
  /** `YYYY-MM-DD`, or empty for an open end. */
  effective_from: string;
  effective_to: string;
}

export const EMPTY_OVERRIDE: OverrideFormValues = {
  kind: 'model_price',
  model: '',
  provider: '',
  input_mtok: '',
  output_mtok: '',
  cache_read_mtok: '',
  target_model: '',
  target_provider: '',
  percent: '',
  effective_from: '',
  effective_to: '',
};

export const OVERRIDE_FIELDS = Object.keys(EMPTY_OVERRIDE);

/** The backend's paths for fields this form names differently. */
export const OVERRIDE_FIELD_ALIASES: Readonly<Record<string, string>> = {
  'override.target.model': 'target_model',
  'override.target.provider': 'target_provider',
  'override.prices.input_mtok': 'input_mtok',
  'override.prices.output_mtok': 'output_mtok',
  'override.prices.cache_read_mtok': 'cache_read_mtok',
  'override.prices': 'input_mtok',
};

/** A typed number, or the text itself so the backend names it (it is not a number) by its field. */
function amount(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

function optionalText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Only the keys that have a value: the backend's schema is strict about unknown and empty ones. */
function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

function specOf(values: OverrideFormValues): Record<string, unknown> {
  const model = optionalText(values.model);
  const provider = optionalText(values.provider);
  switch (values.kind) {
    case 'model_price':
      return defined({
        kind: 'model_price',
        model: model ?? '',
        provider,
        prices: defined({
          input_mtok: amount(values.input_mtok) ?? '',
          output_mtok: amount(values.output_mtok),
          cache_read_mtok: amount(values.cache_read_mtok),
        }),
      });
    case 'alias':
      return defined({
        kind: 'alias',
        model: model ?? '',
        provider,
        target: defined({
          model: values.target_model.trim(),
          provider: optionalText(values.target_provider),
        }),
      });
    case 'discount':
      return defined({ kind: 'discount', percent: amount(values.percent) ?? '', model, provider });
  }
}

/** A date input's day as the start of that UTC day, or null for an open end. */
function instant(day: string): string | null {
  return day === '' ? null : `${day}T00:00:00.000Z`;
}

const AMOUNT_FIELDS = {
  model_price: ['input_mtok', 'output_mtok', 'cache_read_mtok'],
  alias: [],
  discount: ['percent'],
} as const satisfies Record<OverrideKind, readonly (keyof OverrideFormValues)[]>;

/**
 * Amounts that are not numbers, caught before sending: the backend's schema would only say
 * "Invalid input" for them. Everything else (ranges, required fields) is left to the backend.
 */
export function amountErrors(values: OverrideFormValues): Partial<Record<keyof OverrideFormValues, string>> {
  const errors: Partial<Record<keyof OverrideFormValues, string>> = {};
  for (const field of AMOUNT_FIELDS[values.kind]) {
    if (typeof amount(values[field]) === 'string') {
      errors[field] =
        field === 'percent' ? 'Enter a number, e.g. 15' : 'Enter dollars as a number, e.g. 2.50';
    }
  }
  return errors;
}

/** The body of `POST …/price-overrides` (and of `PATCH …/{id}`, which takes the same fields). */
export function overrideBody(values: OverrideFormValues) {
  return {
    override: specOf(values),
    effective_from: instant(values.effective_from),
    effective_to: instant(values.effective_to),
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const amountText = (value: unknown) => (typeof value === 'number' ? String(value) : '');
const objectOf = (value: unknown) =>
  (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;

/** The day of a range end the date input can show: only a start of a UTC day is one. */
function dayOf(instantText: string | null): string | undefined {
  if (instantText === null) {
    return '';
  }
  const time = new Date(instantText);
  const day = Number.isNaN(time.getTime()) ? '' : time.toISOString().slice(0, 10);
  return day !== '' && time.getTime() === Date.parse(`${day}T00:00:00.000Z`) ? day : undefined;
}

function readValues(record: PriceOverrideRecord): OverrideFormValues | undefined {
  const spec = record.override;
  const from = dayOf(record.effective_from);
  const to = dayOf(record.effective_to);
  if (!OVERRIDE_KINDS.includes(spec.kind as OverrideKind) || from === undefined || to === undefined) {
    return undefined;
  }
  const prices = objectOf(spec.prices);
  const target = objectOf(spec.target);
  return {
    kind: spec.kind as OverrideKind,
    model: text(spec.model),
    provider: text(spec.provider),
    input_mtok: amountText(prices.input_mtok),
    output_mtok: amountText(prices.output_mtok),
    cache_read_mtok: amountText(prices.cache_read_mtok),
    target_model: text(target.model),
    target_provider: text(target.provider),
    percent: amountText(spec.percent),
    effective_from: from,
    effective_to: to,
  };
}

/** JSON with every object's keys in order, so that two specs compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (typeof value !== 'object' || value === null) {
    return JSON.stringify(value);
  }
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
}

/** A spec as the form sends it: `match: 'exact'` is the schema's default, so stored specs may carry it. */
function comparable(spec: Record<string, unknown>): string {
  const { match, ...rest } = spec;
  return canonical(match === 'exact' ? rest : spec);
}

/**
 * The form's values for an existing override, or undefined when the form cannot show all of it
 * (tiered or batch prices, prefix matching, a range end inside a day: set through the API) — editing
 * it here would silently drop what the form has no field for.
 */
export function formValuesOf(record: PriceOverrideRecord): OverrideFormValues | undefined {
  const values = readValues(record);
  if (values === undefined) {
    return undefined;
  }
  return comparable(specOf(values)) === comparable(record.override) ? values : undefined;
}

const usd = (value: unknown) => (typeof value === 'number' ? `$${value}` : 'tiered');

/** One line for the list: what the override does. */
export function describeOverride(record: PriceOverrideRecord): string {
  const spec = record.override;
  const text = (key: string) => (typeof spec[key] === 'string' ? spec[key] : undefined);
  const where = [text('provider'), text('model')].filter((part) => part !== undefined).join(' / ');
  switch (spec.kind) {
    case 'model_price': {
      const prices = (spec.prices ?? {}) as Record<string, unknown>;
      const output = prices.output_mtok === undefined ? '' : `, output ${usd(prices.output_mtok)}`;
      return `${where}: input ${usd(prices.input_mtok)}${output} per million tokens`;
    }
    case 'alias': {
      const target = (spec.target ?? {}) as Record<string, unknown>;
      return `${where} is priced as ${typeof target.model === 'string' ? target.model : '?'}`;
    }
    case 'discount':
      return `${String(spec.percent)}% off ${where === '' ? 'everything' : where}`;
    default:
      return JSON.stringify(spec);
  }
}

/** "from … until …" of an override's range; open ends read as such. */
export function describeRange(record: PriceOverrideRecord): string {
  const day = (value: string | null) => (value === null ? null : value.slice(0, 10));
  const from = day(record.effective_from);
  const to = day(record.effective_to);
  if (from === null && to === null) {
    return 'Always';
  }
  return `${from === null ? 'Until' : `From ${from}`}${to === null ? '' : `${from === null ? '' : ' until'} ${to}`}`;
}
