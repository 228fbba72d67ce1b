/**
 * Listening with a way back: the app's emitters (the vault session, the settings) outlive any one
 * piece of wiring, so each listener is registered with what removes exactly it, and wiring can be
 * undone as a whole on quit and in tests.
 */
import type { EventEmitter } from 'node:events';

export type Dispose = () => void;

/** Subscribes `listener` to `event`; the returned function unsubscribes it (once is enough, twice is harmless). */
export function listen<T extends Record<keyof T, unknown[]>, K extends keyof T & string>(
  emitter: EventEmitter<T>,
  event: K,
  listener: (...args: T[K]) => void,
): Dispose {
  const emitterOf = emitter as unknown as EventEmitter;
  const untyped = listener as (...args: unknown[]) => void;
  emitterOf.on(event, untyped);
  return () => void emitterOf.off(event, untyped);
}

/** One disposer for many, run in reverse order of registration. */
export function disposeAll(disposers: Dispose[]): Dispose {
  return () => {
    for (const dispose of disposers.splice(0).reverse()) dispose();
  };
}
