import { useEffect } from 'react';
import { call, type KeysmithApi } from '../bridge';
import type { Theme } from './settingsDraft';
import './theme.css';

/** `system` removes the attribute, so styles.css's prefers-color-scheme query decides again. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}

/**
 * Keeps the page's theme on the user's choice: read once, then followed through `settings:changed`
 * (saved in the settings view, or in another window). Settings can be read while the vault is
 * locked, so this also themes the lock screen.
 */
export function useTheme(api: KeysmithApi | null): void {
  useEffect(() => {
    if (!api) return;
    let active = true;
    // An event can overtake the initial read; the newer value must not be overwritten by the older.
    let heard = false;
    const off = api.on('settings:changed', (settings) => {
      heard = true;
      applyTheme(settings.theme);
    });
    void call(api.settings.get()).then((result) => {
      if (active && !heard && result.ok) applyTheme(result.value.theme);
    });
    return () => {
      active = false;
      off();
    };
  }, [api]);
}
