/**
 * Where the guard sends a visitor who is not signed in (`/login?next=<where they were>`), and the
 * check that `next` is a path on this app — never another origin, so the login page cannot be used
 * as an open redirect.
 * @module
 */

export const LOGIN_PATH = '/login';
export const DEFAULT_AFTER_LOGIN = '/';

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) {
      return true;
    }
  }
  return false;
}

/** `next` when it is a same-origin path (`/x?y`), the home page otherwise. */
export function safeNextPath(next: string | null | undefined): string {
  if (next === null || next === undefined || !next.startsWith('/') || next.startsWith('//')) {
    return DEFAULT_AFTER_LOGIN;
  }
  if (next.includes('\\') || hasControlCharacter(next)) {
    return DEFAULT_AFTER_LOGIN;
  }
  const path = next.split(/[?#]/, 1)[0] ?? '';
  return path === LOGIN_PATH || path.startsWith(`${LOGIN_PATH}/`) ? DEFAULT_AFTER_LOGIN : next;
}

/** The login URL that returns to `current` (path, query and hash of the page) afterwards. */
export function loginHref(current: string): string {
  const next = safeNextPath(current);
  return next === DEFAULT_AFTER_LOGIN ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`;
}
