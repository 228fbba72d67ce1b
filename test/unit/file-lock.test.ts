/**
 * The vault lock: exclusive, released only by its holder, and taken over when its holder is gone
 * (dead pid on this host, or older than any legitimate hold) but never from a live process.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, watch, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../electron/core/file-lock';
import { waitFor } from '../support/wait-for';

function lockPath(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-lock-')), 'vault.lock');
}

const owner = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { pid: number; host: string; at: number };

/** A lock file as another process would have left it. */
function plantLock(file: string, pid: number, at = Date.now(), host = hostname()): string {
  const text = JSON.stringify({ pid, host, at, token: 'planted' });
  writeFileSync(file, text);
  return text;
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

  it('breaks a lock older than any legitimate hold, even if its pid is alive (pid reuse)', async () => {
    const file = lockPath();
    plantLock(file, process.ppid, Date.now() - 10 * 60_000);
    const release = await acquireLock(file, 2_000);
    expect(owner(file).pid).toBe(process.pid);
    await release();
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
