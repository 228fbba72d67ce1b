/**
 * The vault lock: exclusive, released only by its holder, and taken over when its holder is gone
 * (dead pid, or a pid reused since, on this host; a stopped heartbeat on another host) but never
 * from a live process on this host, however long it holds.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, unlinkSync, utimesSync, watch, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, lockHolderText } from '../../electron/core/file-lock';
import { waitFor } from '../support/wait-for';

function lockPath(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-lock-')), 'vault.lock');
}

const owner = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { pid: number; host: string; at: number };

/** A lock file as another process would have left it, last refreshed at `at`. */
function plantLock(file: string, pid: number, at = Date.now(), host = hostname(), extra: Record<string, string> = {}): string {
  const text = JSON.stringify({ pid, host, at, token: 'planted', ...extra });
  writeFileSync(file, text);
  utimesSync(file, at / 1000, at / 1000);
  return text;
}

const TEN_MINUTES_AGO = () => Date.now() - 10 * 60_000;
const linux = process.platform === 'linux';
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
/** Field 22 of /proc/<pid>/stat: the process start time, which tells a reused pid from the holder. */
function startTime(pid: number): string {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ')[19]!;
}

/** The pid of a process that has already exited (and, pids being allocated upwards, is not reused yet). */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('acquireLock', () => {
  it('creates a lock file naming this process, and release removes it', async () => {
    const file = lockPath();
    const release = await acquireLock(file);
    expect(owner(file)).toMatchObject({ pid: process.pid, host: hostname() });
    await release();
    expect(existsSync(file)).toBe(false);
    // No candidate files are left beside it.
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('is exclusive: a second acquire waits for the release', async () => {
    const file = lockPath();
    const release = await acquireLock(file);
    // Each attempt first writes its own candidate `vault.lock.<pid>-<token>`: counting them shows
    // the second acquire has tried, and been refused, several times, with no fixed sleep.
    const candidates = new Set<string>();
    const watcher = watch(path.dirname(file), (_event, name) => {
      if (name && /^vault\.lock\.\d+-[0-9a-f]+$/.test(name)) candidates.add(name);
    });
    let second = false;
    const waiting = acquireLock(file).then((r) => {
      second = true;
      return r;
    });
    try {
      await waitFor(() => candidates.size >= 3, { what: 'three attempts of the second acquire' });
    } finally {
      watcher.close();
    }
    expect(second).toBe(false);
    await release();
    await (await waiting)();
    expect(second).toBe(true);
  });

  it('serialises many concurrent read-modify-writes without losing one', async () => {
    const file = lockPath();
    const counter = path.join(path.dirname(file), 'counter');
    await writeFile(counter, '0');
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await acquireLock(file);
        try {
          const value = Number(await readFile(counter, 'utf8'));
          await new Promise((r) => setTimeout(r, 1)); // widen the window a missing lock would lose
          await writeFile(counter, String(value + 1));
        } finally {
          await release();
        }
      }),
    );
    expect(readFileSync(counter, 'utf8')).toBe('20');
  });

  it('breaks a lock left by a dead process on this host', async () => {
    const file = lockPath();
    plantLock(file, await deadPid());
    const release = await acquireLock(file, 2_000);
    expect(owner(file).pid).toBe(process.pid);
    await release();
    expect(existsSync(file)).toBe(false);
  });

  it('does not break a fresh lock held by a live process: vault_busy naming the pid, lock untouched', async () => {
    const file = lockPath();
    const planted = plantLock(file, process.ppid);
    await expect(acquireLock(file, 300)).rejects.toMatchObject({
      code: 'vault_busy',
      message: expect.stringContaining(`process ${process.ppid}`),
    });
    expect(readFileSync(file, 'utf8')).toBe(planted);
  });

  it('does not break a fresh lock of a pid on another host, whose liveness it cannot check', async () => {
    const file = lockPath();
    const planted = plantLock(file, await deadPid(), Date.now(), `not-${hostname()}`);
    await expect(acquireLock(file, 300)).rejects.toMatchObject({ code: 'vault_busy' });
    expect(readFileSync(file, 'utf8')).toBe(planted);
  });

  it('never breaks the lock of a live process on this host, however old (a paused holder is alive)', async () => {
    const file = lockPath();
    const planted = plantLock(file, process.ppid, TEN_MINUTES_AGO(), hostname(), linux ? { boot: bootId(), start: startTime(process.ppid) } : {});
    await expect(acquireLock(file, 300)).rejects.toMatchObject({ code: 'vault_busy', message: expect.stringContaining(`process ${process.ppid}`) });
    expect(readFileSync(file, 'utf8')).toBe(planted);
  });

  it.runIf(linux)('breaks a lock whose pid is alive but is a later process (the pid was reused: another start time)', async () => {
    const file = lockPath();
    plantLock(file, process.ppid, Date.now(), hostname(), { boot: bootId(), start: '1' });
    const release = await acquireLock(file, 2_000);
    expect(owner(file).pid).toBe(process.pid);
    await release();
  });

  it.runIf(linux)('breaks a lock left from before a reboot (another boot id), even if its pid is alive now', async () => {
    const file = lockPath();
    plantLock(file, process.ppid, Date.now(), hostname(), { boot: '00000000-0000-0000-0000-000000000000', start: startTime(process.ppid) });
    const release = await acquireLock(file, 2_000);
    expect(owner(file).pid).toBe(process.pid);
    await release();
  });

  it('breaks a lock of another host once its heartbeat has stopped for longer than staleAfterMs', async () => {
    const file = lockPath();
    plantLock(file, process.ppid, TEN_MINUTES_AGO(), `not-${hostname()}`);
    await (await acquireLock(file, 2_000))();
    // The threshold is an option, so this needs no two minutes of wall time.
    plantLock(file, process.ppid, Date.now() - 2_000, `not-${hostname()}`);
    await expect(acquireLock(file, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'vault_busy' });
    await (await acquireLock(file, { timeoutMs: 2_000, staleAfterMs: 1_000 }))();
  });

  it('keeps a held lock fresh with its heartbeat, so another host never deems a working holder stale', async () => {
    const file = lockPath();
    const release = await acquireLock(file, { heartbeatMs: 20 });
    const old = TEN_MINUTES_AGO() / 1000;
    utimesSync(file, old, old);
    const deadline = Date.now() + 10_000;
    while (statSync(file).mtimeMs < Date.now() - 60_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(statSync(file).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
    await release();
  });

  it('confirm() fails once the lock was taken from its holder, whose release then leaves the new holder alone', async () => {
    const file = lockPath();
    const first = await acquireLock(file);
    await expect(first.confirm()).resolves.toBeUndefined();
    unlinkSync(file);
    const second = await acquireLock(file, 300);
    await expect(first.confirm()).rejects.toMatchObject({ code: 'vault_busy', message: expect.stringContaining('lost its lock') });
    await first();
    expect(owner(file).pid).toBe(process.pid);
    await expect(second.confirm()).resolves.toBeUndefined();
    await second();
    expect(existsSync(file)).toBe(false);
  });

  it('release twice is harmless', async () => {
    const file = lockPath();
    const release = await acquireLock(file);
    await release();
    await expect(release()).resolves.toBeUndefined();
    expect(existsSync(file)).toBe(false);
    await (await acquireLock(file, 300))();
  });

  // Holds within the same millisecond once shared an identity; each hold now has its own token.
  it('a repeated release of an earlier hold never removes the current holder’s lock', async () => {
    const file = lockPath();
    for (let round = 0; round < 200; round++) {
      const earlier = await acquireLock(file);
      await earlier();
      const current = await acquireLock(file);
      await earlier();
      expect(existsSync(file), `round ${round}: the current holder lost its lock`).toBe(true);
      await current();
    }
  });
});

describe('lockHolderText, for messages that restate a busy lock', () => {
  it('names the pid of a live holder on this host', async () => {
    const file = lockPath();
    const release = await acquireLock(file);
    try {
      const err = await acquireLock(file, 50).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'vault_busy' });
      expect(lockHolderText(err)).toBe(` (pid ${process.pid})`);
    } finally {
      await release();
    }
  });

  it('says a holder on another host is on another computer, and never quotes its host name', async () => {
    const file = lockPath();
    plantLock(file, 4242, Date.now(), 'evil\u001b]0;title\u0007host');
    const err = await acquireLock(file, { timeoutMs: 50, staleAfterMs: 600_000 }).catch((e: unknown) => e);
    expect(lockHolderText(err)).toBe(' (pid 4242 on another computer)');
  });

  it('says nothing for a lock whose pid is not a number, or an error of another kind', async () => {
    const file = lockPath();
    writeFileSync(file, JSON.stringify({ pid: '12\u001b[2J', host: hostname(), at: Date.now(), token: 't' }));
    const err = await acquireLock(file, { timeoutMs: 50, debrisAfterMs: 600_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'vault_busy' });
    expect(lockHolderText(err)).toBe('');
    expect(lockHolderText(new Error('pid 12'))).toBe('');
  });
});
