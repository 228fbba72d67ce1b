/**
 * A cross-process lock file, so the app and the CLI never interleave a read-modify-write of the
 * vault. The lock is created complete (written to a private temp file, then hard-linked into
 * place, which fails if it exists), so a holder killed at any moment leaves either no lock or a lock
 * naming its pid, which the next process recognises as stale and takes over.
 */
import { hostname } from 'node:os';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { KeysmithError } from './errors';

interface LockOwner {
  pid: number;
  host: string;
  at: number;
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
    return typeof owner.pid === 'number' ? owner : null;
  } catch {
    return null;
  }
}

function isStale(owner: LockOwner | null): boolean {
  if (!owner) return false;
  if (Date.now() - owner.at > MAX_LOCK_AGE_MS) return true;
  return owner.host === hostname() && owner.pid !== process.pid && !pidAlive(owner.pid);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Moves a stale lock aside; puts it back if, in the meantime, it turned out to be a fresh one. */
async function breakStaleLock(path: string, seen: LockOwner): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else broke or released it first
  }
  const moved = await readOwner(aside);
  if (moved && (moved.pid !== seen.pid || moved.at !== seen.at)) {
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

export type ReleaseLock = () => Promise<void>;

export async function acquireLock(path: string, timeoutMs = 15_000): Promise<ReleaseLock> {
  const me: LockOwner = { pid: process.pid, host: hostname(), at: 0 };
  const deadline = Date.now() + timeoutMs;
  const candidate = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
  let wait = 2;
  for (;;) {
    me.at = Date.now();
    await writeFile(candidate, JSON.stringify(me), { mode: 0o600 });
    try {
      await link(candidate, path);
      await unlink(candidate).catch(() => undefined);
      const mine = { ...me };
      return async () => {
        const owner = await readOwner(path);
        if (owner && owner.pid === mine.pid && owner.at === mine.at) await unlink(path).catch(() => undefined);
      };
    } catch (err) {
      await unlink(candidate).catch(() => undefined);
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new KeysmithError('io', `Cannot lock the vault at ${path}: ${(err as Error).message}`);
      }
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
    await sleep(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 50);
  }
}
