'use client';

import { useSyncExternalStore } from 'react';
import { Select } from './select';
import {
  applyThemeChoice,
  readThemeChoice,
  subscribeToThemeChoice,
  THEME_CHOICES,
  type ThemeChoice,
} from './theme';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The theme picker (system / light / dark), labelled like every other control. */
export function ThemeToggle() {
  // The stored choice is only readable in the browser; the server renders "system".
  const choice = useSyncExternalStore(subscribeToThemeChoice, readThemeChoice, () => 'system' as const);
  return (
    <Select
      label="Theme"
      value={choice}
      options={THEME_CHOICES.map((value) => ({ value, label: LABELS[value] }))}
      onChange={(event) => {
        applyThemeChoice(event.target.value as ThemeChoice);
      }}
    />
  );
}
