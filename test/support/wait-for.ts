/**
 * The suite's one way to wait for something to happen: poll a condition instead of sleeping a fixed
 * time. A fixed sleep is either too short on a loaded 2-core CI machine (a flaky failure) or longer
 * than needed everywhere else; polling returns as soon as the condition holds and fails with a
 * sentence naming what never happened.
 */

export interface WaitOptions {
  /** What is awaited, for the failure message: "two refresh events"; a function is read at the timeout. */
  what: string | (() => string);
  /** Generous by default: CI shares 2 cores with forked suites. */
  timeoutMs?: number;
  intervalMs?: number;
}

/** Resolves once `predicate` returns true (or a promise of true); rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, opts: WaitOptions): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const intervalMs = opts.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof opts.what === 'function' ? opts.what() : opts.what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Lets already-queued work run (promise callbacks, then one turn of timers and I/O callbacks)
 * without waiting any wall-clock time: for "nothing else happened" checks after an action whose
 * consequences are already scheduled.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
