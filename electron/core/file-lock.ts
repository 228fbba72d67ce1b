/**
 * A cross-process lock file, so the app and the CLI never interleave a read-modify-write of the
 * vault. The lock is created complete (written to a private temp file, then hard-linked into
 * place, which fails if it exists), so a holder killed at any moment leaves either no lock or a lock
 * naming its pid and a random token, which the next process recognises as stale and breaks.
 */
import { hostname } from 'node:os';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { KeysmithError } from './errors';

interface LockOwner {
  pid: number;
  host: string;
  at: number;
  /** identifies one hold, so a late or repeated release can never remove someone else's lock */
  token: string;
}

/** A legitimate holder keeps the lock for milliseconds; older locks are abandoned (e.g. pid reused). */
const MAX_LOCK_AGE_MS = 120_000;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.token === 'string' ? owner : null;
  } catch {
    return null;
  }
}

function isStale(owner: LockOwner): boolean {
  if (Date.now() - owner.at > MAX_LOCK_AGE_MS) return true;
  return owner.host === hostname() && owner.pid !== process.pid && !pidAlive(owner.pid);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates `path` holding `owner`, atomically; false if it already exists. */
async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  const candidate = `${path}.${owner.pid}-${owner.token}`;
  await writeFile(candidate, JSON.stringify(owner), { mode: 0o600 });
  try {
    await link(candidate, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new KeysmithError('io', `Cannot lock the vault at ${path}: ${(err as Error).message}`);
  } finally {
    await unlink(candidate).catch(() => undefined);
  }
}

function newOwner(): LockOwner {
  return { pid: process.pid, host: hostname(), at: Date.now(), token: randomBytes(8).toString('hex') };
}

/**
 * Breaking a stale lock is itself serialised by a short-lived `.break` lock: without it, two
 * processes that saw the same stale lock could each remove it, the second removing the fresh lock
 * the first had just taken. The lock is moved aside (not unlinked) and checked to be the stale one
 * that was seen; a fresh lock moved by mistake is put back.
 */
async function breakStaleLock(path: string, seen: LockOwner): Promise<void> {
  const breaker = `${path}.break`;
  const me = newOwner();
  if (!(await tryCreate(breaker, me))) {
    const other = await readOwner(breaker);
    if (other && isStale(other)) await unlink(breaker).catch(() => undefined);
    return;
  }
  try {
    const current = await readOwner(path);
    if (!current || current.token !== seen.token) return;
    const aside = `${path}.stale-${seen.token}`;
    await rename(path, aside).catch(() => undefined);
    const moved = await readOwner(aside);
    if (moved && moved.token !== seen.token) await link(aside, path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
  } finally {
    const still = await readOwner(breaker);
    if (still?.token === me.token) await unlink(breaker).catch(() => undefined);
  }
}

export type ReleaseLock = () => Promise<void>;

export async function acquireLock(path: string, timeoutMs = 15_000): Promise<ReleaseLock> {
  const deadline = Date.now() + timeoutMs;
  let wait = 1;
  for (;;) {
    const me = newOwner();
    if (await tryCreate(path, me)) {
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        const owner = await readOwner(path);
        if (owner?.token === me.token) await unlink(path).catch(() => undefined);
      };
    }
    const owner = await readOwner(path);
    if (owner && isStale(owner)) {
      await breakStaleLock(path, owner);
      continue;
    }
    if (Date.now() > deadline) {
      const who = owner ? `process ${owner.pid} on ${owner.host}` : 'another process';
      throw new KeysmithError('vault_busy', `The vault is busy: ${who} holds ${path}; try again, or delete that file if no Keysmith is running`);
    }
    // Short, jittered waits: holds last milliseconds, and a long back-off would starve a waiter
    // behind a process doing many updates in a row.
    await sleep(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 16);
  }
}
