/**
 * Where an API error belongs on a form. The backend names the failing field as the request part and
 * path (`body.url`, `body.override.prices.input_mtok`, `querystring.from`); the auth service names
 * the body path (`new_password`). A form knows its fields by short names; this maps one to the other
 * so the message shows next to the field it names, and anything else shows above the form.
 * @module
 */

/** What a form needs of an error: the ApiError's shape, without importing the client here. */
export interface FieldNamingError {
  message: string;
  field?: string | undefined;
}

const REQUEST_PARTS = /^(body|querystring|query|params)(\.|$)/;

/** The field path without its request part: `body.override.prices.input_mtok` → `override.prices.input_mtok`. */
export function fieldPath(field: string | undefined): string | undefined {
  if (field === undefined) {
    return undefined;
  }
  const path = field.replace(REQUEST_PARTS, '');
  return path === '' ? undefined : path;
}

/**
 * The form field an error names: `aliases` maps a field path (or its prefix) to the form's name
 * for it; otherwise the last path segment that is one of `fields` wins.
 */
export function formFieldOf(
  error: FieldNamingError,
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const path = fieldPath(error.field);
  if (path === undefined) {
    return undefined;
  }
  const aliased = Object.entries(aliases).find(
    ([prefix]) => path === prefix || path.startsWith(`${prefix}.`),
  );
  if (aliased !== undefined) {
    return aliased[1];
  }
  const segments = path.split('.').filter((segment) => !/^\d+$/.test(segment));
  return [...segments].reverse().find((segment) => fields.includes(segment));
}

/** The message to show for a field: the API's text without the `field: ` prefix it repeats. */
export function fieldMessage(error: FieldNamingError): string {
  const path = error.field ?? '';
  const prefix = `${path}: `;
  return path !== '' && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** Splits an error into a per-field message (when the form has that field) and a form-level one. */
export function placeError(
  error: FieldNamingError | null | undefined,
  fields: readonly string[],
  aliases?: Readonly<Record<string, string>>,
): { fields: Record<string, string>; form: string | undefined } {
  if (error === null || error === undefined) {
    return { fields: {}, form: undefined };
  }
  const field = formFieldOf(error, fields, aliases);
  return field === undefined
    ? { fields: {}, form: error.message }
    : { fields: { [field]: fieldMessage(error) }, form: undefined };
}
