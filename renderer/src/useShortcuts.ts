import { useEffect, useRef } from 'react';
import { shortcutOf, type ShortcutId } from '../../electron/shared/shortcuts';

/**
 * The shared shortcuts (electron/shared/shortcuts.ts), window-wide, by id. Handlers are read from a
 * ref, so callers may pass a fresh object each render without re-subscribing.
 */
export function useShortcuts(handlers: Partial<Record<ShortcutId, () => void>>): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = shortcutOf(e);
      const handler = id && ref.current[id];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
