/**
 * The colour theme: the system's (default), light or dark. The choice is stored in localStorage and
 * applied as `data-theme` on <html>; `THEME_BOOT_SCRIPT` runs inline before the first paint so a
 * stored choice never flashes the other palette.
 * @module
 */

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const THEME_KEY = 'netra.theme';

function isThemeChoice(value: unknown): value is ThemeChoice {
  return value === 'system' || value === 'light' || value === 'dark';
}

export function readThemeChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(THEME_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

const THEME_EVENT = 'netra-theme-change';

/** For useSyncExternalStore: told when the choice changes in this page. */
export function subscribeToThemeChoice(listener: () => void): () => void {
  window.addEventListener(THEME_EVENT, listener);
  return () => {
    window.removeEventListener(THEME_EVENT, listener);
  };
}

/** Applies and remembers a choice. */
export function applyThemeChoice(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') {
    root.removeAttribute('data-theme');
  } else {
    root.setAttribute('data-theme', choice);
  }
  try {
    window.localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Storage can be unavailable (private windows); the choice then lasts for this page only.
  }
  window.dispatchEvent(new Event(THEME_EVENT));
}

/** Inline in <head>: applies the stored choice before anything paints. */
export const THEME_BOOT_SCRIPT = `try{var t=localStorage.getItem('${THEME_KEY}');if(t==='light'||t==='dark'){document.documentElement.setAttribute('data-theme',t)}}catch(e){}`;
