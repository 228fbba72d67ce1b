/**
 * When a copied secret leaves the clipboard. A copy is cleared after the configured delay, on lock
 * and on quit, but only while the clipboard still holds it: if the user has copied something else
 * since, that is theirs and stays. "Never" turns off the timed clear only.
 *
 * The clipboard itself is injected (Electron's in the app, a stand-in in tests), and the policy keeps
 * a digest of what it copied rather than the text, so it holds no secret of its own.
 */
import { createHash } from 'node:crypto';
import type { ClearReason } from '../shared/ipc/contract';

export interface ClipboardPort {
  readText(): Promise<string> | string;
  /** Writes text marked as concealed from clipboard history where the platform has a way. */
  writeSecret(text: string): Promise<void> | void;
  /** Writes ordinary text (a client id): no concealment, so clipboard history may keep it. */
  writeText(text: string): Promise<void> | void;
  clear(): Promise<void> | void;
}

export type { ClearReason };

export interface ClipboardPolicyOptions {
  /** Read at each copy, so a settings change applies to the next copy. null = never. */
  clearAfterSeconds: () => number | null;
  onCleared?: (reason: ClearReason) => void;
  /** Failures to read or clear are reported, never thrown at the caller of a timer. */
  onError?: (err: unknown) => void;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class ClipboardPolicy {
  private copied: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Copies and clears run one at a time: a clear must never read A and then wipe a newer B. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly port: ClipboardPort,
    private readonly opts: ClipboardPolicyOptions,
  ) {}

  /** Copies and schedules the clear; returns the delay in force for this copy. */
  copy(text: string): Promise<{ clearsInSeconds: number | null }> {
    return this.serial(() => this.copyNow(text));
  }

  private async copyNow(text: string): Promise<{ clearsInSeconds: number | null }> {
    this.cancelTimer();
    await this.port.writeSecret(text);
    this.copied = digest(text);
    const seconds = this.opts.clearAfterSeconds();
    if (seconds !== null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.clearIfOurs('timeout');
      }, seconds * 1000);
      // A pending clear must not keep a test or a quitting process alive.
      (this.timer as { unref?: () => void }).unref?.();
    }
    return { clearsInSeconds: seconds };
  }

  /**
   * Copies a value that is not secret (client id, org id). It is not cleared by timer, and it
   * replaces any secret of ours, so that secret's pending clear is dropped with it.
   */
  copyPlain(text: string): Promise<{ clearsInSeconds: null }> {
    return this.serial(async () => {
      this.cancelTimer();
      await this.port.writeText(text);
      this.copied = null;
      return { clearsInSeconds: null };
    });
  }

  /** Whether something we copied may still be on the clipboard. */
  get holdsCopy(): boolean {
    return this.copied !== null;
  }

  /** Clears the clipboard if it still holds our last copy; true when it did. */
  clearIfOurs(reason: ClearReason): Promise<boolean> {
    return this.serial(() => this.clearNow(reason));
  }

  private async clearNow(reason: ClearReason): Promise<boolean> {
    if (reason !== 'timeout') this.cancelTimer();
    const ours = this.copied;
    if (ours === null) return false;
    try {
      const current = await this.port.readText();
      this.copied = null;
      if (digest(current) !== ours) return false;
      await this.port.clear();
    } catch (err) {
      // Unreadable clipboard: we cannot tell whose content it is, so leave it alone.
      this.copied = null;
      this.opts.onError?.(err);
      return false;
    }
    this.opts.onCleared?.(reason);
    return true;
  }

  dispose(): void {
    this.cancelTimer();
    this.copied = null;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
