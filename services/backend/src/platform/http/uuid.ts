const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids compared with uuid columns must be checked first: PostgreSQL refuses anything else with an error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
