const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_KEY|_KEY$|^KEY$|SIGNING)/i;
const URL_WITH_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]*)(@)/i;

export const MASK = '****';

/** Whether a variable name looks like it holds a secret. */
export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Replaces the password of a URL such as `postgres://user:pw@host/db` with the mask. */
export function maskUrlPassword(value: string): string {
  return value.replace(URL_WITH_PASSWORD, `$1${MASK}$3`);
}

/** The value as it may appear in logs or dumps. */
export function maskValue(name: string, value: string, knownSecret = false): string {
  if (knownSecret || looksSecret(name)) {
    return value === '' ? '' : MASK;
  }
  return maskUrlPassword(value);
}
