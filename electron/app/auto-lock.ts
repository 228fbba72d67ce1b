/**
 * Locks the vault after the configured idle time. "Idle" is the system's idle time (no keyboard or
 * mouse anywhere), as password managers measure it: someone busy in another app is still at the
 * machine, while an unattended machine locks even with Keysmith in front. Screen lock and suspend
 * lock at once; those events are wired in main, this is the timer half, free of Electron.
 */
export interface AutoLockOptions {
  /** seconds since the last user input anywhere on the system (powerMonitor.getSystemIdleTime) */
  idleSeconds: () => number;
  /** minutes of idle before locking; null = never */
  minutes: () => number | null;
  isUnlocked: () => boolean;
  lock: () => void;
  /** how often to look; a lock may come this much later than the configured time */
  pollMs?: number;
}

export const DEFAULT_POLL_MS = 15_000;

export function shouldLock(idleSeconds: number, minutes: number | null): boolean {
  return minutes !== null && idleSeconds >= minutes * 60;
}

export class AutoLock {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly opts: AutoLockOptions) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.check(), this.opts.pollMs ?? DEFAULT_POLL_MS);
    (this.timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look; public so a wake-up (resume, unlock-screen) can check at once. */
  check(): void {
    if (this.opts.isUnlocked() && shouldLock(this.opts.idleSeconds(), this.opts.minutes())) this.opts.lock();
  }
}
