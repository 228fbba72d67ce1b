import { useEffect, useRef, useState } from 'react';
import { call, type KeysmithApi } from '../bridge';

/**
 * How many health items are due: asked once when the vault opens, then updated by main's
 * `health:due` push. When something is due at opening, `show` runs once, so Health is the first
 * thing the user sees.
 */
export function useHealthFirst(api: KeysmithApi, show: () => void): number {
  const [due, setDue] = useState(0);
  const showRef = useRef(show);
  showRef.current = show;
  useEffect(() => {
    let live = true;
    void call(api.health.report({})).then((result) => {
      if (!live || !result.ok) return;
      setDue(result.value.due);
      if (result.value.due > 0) showRef.current();
    });
    const off = api.on('health:due', ({ due: count }) => setDue(count));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return due;
}
