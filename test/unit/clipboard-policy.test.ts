/**
 * The clipboard policy over a stand-in clipboard and fake timers: a copy is cleared after the delay
 * only while the clipboard still holds it; "never" skips the timer; lock and quit clear at once.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipboardPolicy, type ClearReason, type ClipboardPort } from '../../electron/app/clipboard-policy';
import { concealedMarker, osClipboardMime } from '../../electron/app/clipboard-formats';

class FakeClipboard implements ClipboardPort {
  text = '';
  secretWrites = 0;
  clears = 0;
  readText() {
    return this.text;
  }
  writeSecret(text: string) {
    this.text = text;
    this.secretWrites++;
  }
  writeText(text: string) {
    this.text = text;
  }
  clear() {
    this.text = '';
    this.clears++;
  }
  /** what another app (or the user) does */
  userCopies(text: string) {
    this.text = text;
  }
}

let board: FakeClipboard;
let delay: number | null;
let cleared: ClearReason[];
let policy: ClipboardPolicy;

beforeEach(() => {
  vi.useFakeTimers();
  board = new FakeClipboard();
  delay = 30;
  cleared = [];
  policy = new ClipboardPolicy(board, { clearAfterSeconds: () => delay, onCleared: (r) => cleared.push(r) });
});
afterEach(() => {
  policy.dispose();
  vi.useRealTimers();
});

describe('clipboard policy', () => {
  it('writes through the concealed path and reports the delay in force', async () => {
    expect(await policy.copy('token-1')).toEqual({ clearsInSeconds: 30 });
    expect(board.text).toBe('token-1');
    expect(board.secretWrites).toBe(1);
  });

  it('clears after the delay when the clipboard still holds the copy', async () => {
    await policy.copy('token-1');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(board.text).toBe('token-1');
    await vi.advanceTimersByTimeAsync(1);
    expect(board.text).toBe('');
    expect(cleared).toEqual(['timeout']);
  });

  it('copies an identifier plainly, never clears it, and drops the pending clear of a secret it replaced', async () => {
    await policy.copy('token-1');
    expect(await policy.copyPlain('client-id-1')).toEqual({ clearsInSeconds: null });
    expect(board.secretWrites).toBe(1);
    expect(policy.holdsCopy).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(board.text).toBe('client-id-1');
    expect(await policy.clearIfOurs('lock')).toBe(false);
    expect(board.text).toBe('client-id-1');
    expect(cleared).toEqual([]);
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    await policy.copy('token-1');
    board.userCopies('my own notes');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(board.text).toBe('my own notes');
    expect(board.clears).toBe(0);
    expect(cleared).toEqual([]);
  });

  it('a second copy restarts the delay and only the latest copy is cleared', async () => {
    await policy.copy('token-1');
    await vi.advanceTimersByTimeAsync(20_000);
    await policy.copy('token-2');
    await vi.advanceTimersByTimeAsync(20_000); // token-1's timer would have fired here
    expect(board.text).toBe('token-2');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(board.text).toBe('');
    expect(cleared).toEqual(['timeout']);
  });

  it('uses the delay configured at the time of each copy', async () => {
    delay = 5;
    await policy.copy('short');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(board.text).toBe('');
  });

  it('"never" does not clear by timer, but lock still does', async () => {
    delay = null;
    expect(await policy.copy('kept')).toEqual({ clearsInSeconds: null });
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(board.text).toBe('kept');
    expect(await policy.clearIfOurs('lock')).toBe(true);
    expect(board.text).toBe('');
    expect(cleared).toEqual(['lock']);
  });

  it('clears on lock and on quit only if the copy is still there, and cancels the timer', async () => {
    await policy.copy('token-1');
    expect(await policy.clearIfOurs('lock')).toBe(true);
    expect(board.clears).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(board.clears).toBe(1); // the timer was cancelled with the lock

    await policy.copy('token-2');
    board.userCopies('theirs');
    expect(await policy.clearIfOurs('quit')).toBe(false);
    expect(board.text).toBe('theirs');
    expect(cleared).toEqual(['lock']);
  });

  it('does nothing on lock when nothing was copied', async () => {
    board.userCopies('theirs');
    expect(await policy.clearIfOurs('lock')).toBe(false);
    expect(board.text).toBe('theirs');
  });

  it('never clears a newer copy made while an older clear was reading the clipboard', async () => {
    let release!: () => void;
    const slowRead = new Promise<void>((r) => (release = r));
    const slow: ClipboardPort = {
      readText: async () => {
        const seen = board.text;
        await slowRead;
        return seen;
      },
      writeSecret: (t) => board.writeSecret(t),
      writeText: (t) => board.writeText(t),
      clear: () => board.clear(),
    };
    const p = new ClipboardPolicy(slow, { clearAfterSeconds: () => null });
    await p.copy('old');
    const clearing = p.clearIfOurs('lock');
    const copying = p.copy('new'); // queued behind the clear
    release();
    expect(await clearing).toBe(true);
    await copying;
    expect(board.text).toBe('new');
    expect(p.holdsCopy).toBe(true);
    p.dispose();
  });

  it('holds a SHA-256 digest of the copied secret in its fields, never the secret', async () => {
    const secret = 's3cr3t-value-0123456789';
    await policy.copy(secret);
    const { port: _port, ...own } = policy as unknown as Record<string, unknown>;
    const fields = JSON.stringify(own);
    expect(fields).not.toContain('s3cr3t');
    expect(fields).toContain(createHash('sha256').update(secret).digest('hex'));
  });

  it('leaves an unreadable clipboard alone and reports the failure', async () => {
    const errors: unknown[] = [];
    const broken = new ClipboardPolicy(
      { readText: () => Promise.reject(new Error('no display')), writeSecret: () => undefined, writeText: () => undefined, clear: () => board.clear() },
      { clearAfterSeconds: () => 1, onError: (e) => errors.push(e) },
    );
    await broken.copy('x');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(board.clears).toBe(0);
    expect(errors).toHaveLength(1);
  });
});

describe('concealed clipboard markers', () => {
  it('names the convention each OS has', () => {
    expect(concealedMarker('linux')).toEqual({ format: 'x-kde-passwordManagerHint', value: 'secret' });
    expect(concealedMarker('darwin')?.format).toBe('org.nspasteboard.ConcealedType');
    expect(concealedMarker('win32')?.format).toBe('ExcludeClipboardContentFromMonitorProcessing');
    expect(concealedMarker('aix')).toBeNull();
    expect(osClipboardMime('x-kde-passwordManagerHint')).toBe('electron application/osclipboard;format="x-kde-passwordManagerHint"');
  });
});
