import { useEffect, useRef } from 'react';

/**
 * Ctrl/Cmd (+ Shift) + a letter, window-wide: keys are `k` or `shift+c`. Handlers are read from a ref, so callers may pass a fresh
 * object each render without re-subscribing.
 */
export function useShortcuts(handlers: Record<string, () => void>): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const handler = ref.current[`${e.shiftKey ? 'shift+' : ''}${e.key.toLowerCase()}`];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
