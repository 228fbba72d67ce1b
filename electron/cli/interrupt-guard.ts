/**
 * Ctrl-C during a wait that has stored nothing yet (a sign-in waiting for the browser or for a
 * device approval): stop at once, with a sentence instead of a spinner cut off by "^C". Once the
 * command starts storing, an interrupt no longer stops it (a session store cut short helps nobody):
 * it is remembered, the store finishes, and the command then exits 130 itself.
 *
 * Node's default for SIGINT kills the process wherever it is; a listener replaces that default
 * only while it is installed, so the guard is installed for the wait and removed at the end. To stop,
 * it says its sentence, removes itself and raises SIGINT again: the process dies of the signal, as
 * a shell expects (status 130, and a script's loop stops too), however far the wait had got.
 */
export interface InterruptGuard {
  /** From now on an interrupt is deferred, not acted on. */
  storing(): void;
  /** Removes the listener; says whether an interrupt came while storing. */
  release(): boolean;
}

type Signals = Pick<NodeJS.Process, 'on' | 'off' | 'kill' | 'pid'>;

/** `stop` says what happened (the terminal still shows the wait); then the signal ends the process. */
export function guardInterrupts(proc: Signals, stop: () => void): InterruptGuard {
  let storing = false;
  let deferred = false;
  const onInterrupt = () => {
    if (storing) {
      deferred = true;
      return;
    }
    stop();
    proc.off('SIGINT', onInterrupt);
    proc.kill(proc.pid, 'SIGINT');
  };
  proc.on('SIGINT', onInterrupt);
  return {
    storing: () => {
      storing = true;
    },
    release: () => {
      proc.off('SIGINT', onInterrupt);
      return deferred;
    },
  };
}
