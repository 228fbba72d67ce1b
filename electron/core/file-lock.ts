/**
 * A cross-process lock file, so the app and the CLI never interleave a read-modify-write of the
 * vault (or of the token cache).
 *
 * - Created complete: the owner record goes to a private candidate file that is then hard-linked
 *   into place, which fails if a lock exists. A lock is therefore never seen half-written, and an
 *   unreadable one (empty after a crash or a full disk, garbage, too big) is debris once it is a few
 *   seconds old.
 * - Never taken from a live holder on this host, however long it holds (a paused process is alive).
 *   Liveness is the pid, and on Linux also the boot id and the process's start time, so a pid reused
 *   after a crash or a reboot is not mistaken for the holder.
 * - A holder on another host (a home folder on NFS) cannot be asked: its lock is taken over once
 *   its heartbeat stops for `staleAfterMs`. The holder refreshes the lock's mtime every
 *   `heartbeatMs` while it holds it.
 * - A holder confirms it still owns the lock right before it writes (`confirm()`), so a holder whose
 *   lock was taken over while it was paused, or deleted by hand, fails instead of overwriting what
 *   the next holder wrote.
 */
import { readFileSync } from 'node:fs';
import { link, lstat, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KeysmithError, fromSystemError } from './errors';
import { openPrivateFile, readBounded } from './private-files';

interface LockOwner {
  pid: number;
  host: string;
  /** when this hold began (ms since the epoch), for messages; staleness uses the file's mtime */
  at: number;
  /** identifies one hold, so a late or repeated release can never remove someone else's lock */
  token: string;
  /** Linux: the boot the holder ran in, and its start time in clock ticks since that boot */
  boot?: string;
  start?: string;
}

export interface LockOptions {
  /** how long to wait for a live holder before giving up with vault_busy */
  timeoutMs?: number;
  /** a lock of another host not refreshed for this long is abandoned */
  staleAfterMs?: number;
  /** how often a holder refreshes its lock */
  heartbeatMs?: number;
  /** an unreadable lock (or a leftover candidate) this old is debris: locks are written complete */
  debrisAfterMs?: number;
}

const DEFAULTS: Required<LockOptions> = { timeoutMs: 15_000, staleAfterMs: 120_000, heartbeatMs: 10_000, debrisAfterMs: 3_000 };
/** A lock record is ~150 bytes; anything much larger is not one and is not read. */
const MAX_LOCK_BYTES = 4096;

export interface HeldLock {
  /** Releases the lock if this hold still owns it; repeated calls are harmless. */
  (): Promise<void>;
  /** Refreshes the lock and throws vault_busy unless this hold still owns it: call right before writing. */
  confirm(): Promise<void>;
}
export type ReleaseLock = HeldLock;

// --- who holds a lock, and are they alive -------------------------------------------------------

function readProc(file: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const BOOT_ID = readProc('/proc/sys/kernel/random/boot_id')?.trim();

/** Linux: state and start time from /proc/<pid>/stat (fields 3 and 22; the name in field 2 may hold spaces). */
function procStat(pid: number): { state: string; start: string } | undefined {
  const text = readProc(`/proc/${pid}/stat`);
  const fields = text?.slice(text.lastIndexOf(')') + 2).split(' ');
  return fields && fields.length > 19 ? { state: fields[0]!, start: fields[19]! } : undefined;
}

const OWN_START = procStat(process.pid)?.start;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const state = procStat(pid)?.state;
  return state !== 'Z' && state !== 'X'; // a zombie has exited; only its parent has not reaped it yet
}

function newOwner(): LockOwner {
  return {
    pid: process.pid,
    host: hostname(),
    at: Date.now(),
    token: randomBytes(8).toString('hex'),
    ...(BOOT_ID && OWN_START ? { boot: BOOT_ID, start: OWN_START } : {}),
  };
}

function parseOwner(bytes: Buffer): LockOwner | null {
  try {
    const o = JSON.parse(bytes.toString('utf8')) as Partial<LockOwner> | null;
    if (!o || !Number.isSafeInteger(o.pid) || o.pid! <= 0 || typeof o.host !== 'string' || typeof o.token !== 'string' || typeof o.at !== 'number') return null;
    if ((o.boot !== undefined && typeof o.boot !== 'string') || (o.start !== undefined && typeof o.start !== 'string')) return null;
    return o as LockOwner;
  } catch {
    return null;
  }
}

/** A lock file as seen once: its identity (inode and token) and when it was last refreshed. */
interface SeenLock {
  owner: LockOwner | null;
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** Null when there is no lock. A symlink, FIFO, device or another user's file throws data_dir_unsafe. */
async function readLock(path: string): Promise<SeenLock | null> {
  const opened = await openPrivateFile(path);
  if (!opened) return null;
  const { handle, stat } = opened;
  try {
    const owner = stat.size <= MAX_LOCK_BYTES ? parseOwner(await readBounded(handle, stat.size)) : null;
    return { owner, dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
  } finally {
    await handle.close();
  }
}

function sameLock(a: SeenLock, b: SeenLock): boolean {
  // Inode numbers are reused at once after an unlink, so the token (or, for debris, size and mtime) must match too.
  const identity = (s: SeenLock) => s.owner?.token ?? `unreadable ${s.size} ${s.mtimeMs}`;
  return a.dev === b.dev && a.ino === b.ino && identity(a) === identity(b);
}

/** Why the lock may be taken over, or null while its holder may still be working. */
function staleness(seen: SeenLock, opts: Required<LockOptions>): string | null {
  const age = Date.now() - seen.mtimeMs;
  const owner = seen.owner;
  if (!owner) return age > opts.debrisAfterMs ? 'unreadable' : null;
  if (owner.host !== hostname()) return age > opts.staleAfterMs ? 'heartbeat stopped' : null;
  if (owner.boot && BOOT_ID && owner.boot !== BOOT_ID) return 'left from before a reboot';
  if (!pidAlive(owner.pid)) return 'holder exited';
  const start = owner.pid === process.pid ? OWN_START : procStat(owner.pid)?.start;
  if (owner.start && start && owner.start !== start) return 'pid reused';
  return null;
}

// --- creating, breaking and holding ----------------------------------------------------------------

/**
 * A full disk, a read-only mount, …: the OS error as a sentence (errors.ts), naming the lock rather
 * than the candidate file the user never sees; else "cannot lock".
 */
function lockIoError(path: string, err: unknown): KeysmithError {
  if (err instanceof Error) Object.assign(err, { path });
  return fromSystemError(err) ?? new KeysmithError('io', `Cannot lock ${path} (nothing was changed): ${(err as Error).message}`);
}

/** Creates `path` holding `owner`, atomically; null if it already exists, else a handle on the new lock. */
async function tryCreate(path: string, owner: LockOwner): Promise<FileHandle | null> {
  const candidate = `${path}.${owner.pid}-${owner.token}`;
  let handle: FileHandle | undefined;
  try {
    handle = await open(candidate, 'wx', 0o600);
    await handle.writeFile(JSON.stringify(owner));
    await link(candidate, path);
    return handle;
  } catch (err) {
    await handle?.close().catch(() => undefined);
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' && handle) return null;
    throw lockIoError(path, err);
  } finally {
    // Also after a failed write (a full disk): no candidate may be left behind.
    await unlink(candidate).catch(() => undefined);
  }
}

/**
 * Moves the lock at `path` aside and removes it if it is still the one that was seen; a different
 * (fresh) lock moved by mistake is put back. True if the seen lock is gone.
 */
async function removeIfSame(path: string, seen: SeenLock): Promise<boolean> {
  const current = await readLock(path);
  if (!current || !sameLock(current, seen)) return false;
  const aside = `${path}.stale-${randomBytes(8).toString('hex')}`;
  if (!(await rename(path, aside).then(() => true, () => false))) return false;
  const moved = await readLock(aside).catch(() => null);
  if (moved && sameLock(moved, seen)) {
    await unlink(aside).catch(() => undefined);
    return true;
  }
  await link(aside, path).catch(() => undefined); // if someone took the place meanwhile, its holder learns at confirm()
  await unlink(aside).catch(() => undefined);
  return false;
}

/**
 * Breaking a stale lock is itself serialised by a short-lived `.break` lock: without it, two
 * processes that saw the same stale lock could each remove it, the second removing the fresh lock
 * the first had just taken. True if the stale lock is gone.
 */
async function breakStaleLock(path: string, seen: SeenLock, opts: Required<LockOptions>): Promise<boolean> {
  const breaker = `${path}.break`;
  const handle = await tryCreate(breaker, newOwner());
  if (!handle) {
    const other = await readLock(breaker);
    if (other && staleness(other, opts)) await removeIfSame(breaker, other);
    return false;
  }
  try {
    return await removeIfSame(path, seen);
  } finally {
    const mine = await handle.stat();
    const now = await lstat(breaker).catch(() => null);
    if (now && now.ino === mine.ino && now.dev === mine.dev) await unlink(breaker).catch(() => undefined);
    await handle.close();
  }
}

/**
 * Candidates (`<lock>.<pid>-<token>`) and moved-aside locks (`<lock>.stale-<token>`) are left only by
 * a process that died (or hit a full disk) mid-step. Those older than `debrisAfterMs` whose pid is not
 * alive here are swept, so a full disk or a crash does not leave them forever.
 */
async function sweepDebris(path: string, opts: Required<LockOptions>): Promise<void> {
  const dir = dirname(path);
  const base = `${basename(path)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(base)) continue;
    const rest = name.slice(base.length).replace(/^break\./, '');
    const candidate = /^(\d+)-[0-9a-f]+$/.exec(rest);
    if (!candidate && !/^stale-[0-9a-f]+$/.test(rest)) continue;
    const file = join(dir, name);
    const st = await lstat(file).catch(() => null);
    if (!st || Date.now() - st.mtimeMs < opts.debrisAfterMs) continue;
    if (candidate && pidAlive(Number(candidate[1]))) continue;
    await unlink(file).catch(() => undefined);
  }
}

function lostLock(path: string): KeysmithError {
  return new KeysmithError(
    'vault_busy',
    `This process lost its lock ${path} while it was paused (it was deleted, or taken over after its heartbeat stopped), so it wrote nothing: run the command again`,
  );
}

function hold(path: string, handle: FileHandle, ino: number, dev: number, opts: Required<LockOptions>): HeldLock {
  let released = false;
  const beat = async () => {
    const now = new Date();
    await handle.utimes(now, now).catch(() => undefined);
  };
  // Refreshes the inode this hold created: if the lock was taken over, the new lock is not touched.
  const timer = setInterval(() => void beat(), opts.heartbeatMs);
  timer.unref();
  const owns = async () => {
    const st = await lstat(path).catch(() => null);
    return st !== null && st.ino === ino && st.dev === dev;
  };
  const release = async () => {
    if (released) return;
    released = true;
    clearInterval(timer);
    try {
      // Fresh first: no other host may then deem it stale between the check and the unlink.
      await beat();
      if (await owns()) await unlink(path).catch(() => undefined);
    } finally {
      await handle.close().catch(() => undefined);
    }
  };
  const confirm = async () => {
    if (released) throw new KeysmithError('internal', `The lock ${path} was used after its release`);
    await beat();
    if (!(await owns())) throw lostLock(path);
  };
  return Object.assign(release, { confirm });
}

/** vault_busy, with the holder the lock file named (when it could be read), for callers that restate it. */
export class LockBusyError extends KeysmithError {
  constructor(
    message: string,
    readonly holder: { pid: number; sameHost: boolean } | undefined,
  ) {
    super('vault_busy', message);
  }
}

/**
 * " (pid N)" naming a lock's holder in a restated busy message, or "" when the lock named none. Only
 * digits come from the lock file (its pid is a checked safe integer), so nothing in it can reach a terminal.
 */
export function lockHolderText(err: unknown): string {
  if (!(err instanceof LockBusyError) || !err.holder || !Number.isSafeInteger(err.holder.pid)) return '';
  return ` (pid ${String(err.holder.pid)}${err.holder.sameHost ? '' : ' on another computer'})`;
}

function busy(path: string, seen: SeenLock, opts: Required<LockOptions>): KeysmithError {
  const owner = seen.owner;
  if (!owner) return new LockBusyError(`The vault is busy: ${path} is being written; try again`, undefined);
  const holder = { pid: owner.pid, sameHost: owner.host === hostname() };
  const since = new Date(owner.at).toLocaleTimeString();
  if (!holder.sameHost) {
    return new LockBusyError(
      `The vault is busy: process ${owner.pid} on ${owner.host} has held ${path} since ${since}; try again when it is done (a lock whose holder stops refreshing it is taken over after ${Math.round(opts.staleAfterMs / 1000)} s)`,
      holder,
    );
  }
  return new LockBusyError(`The vault is busy: process ${owner.pid} has held ${path} since ${since}; try again when it is done, or end that process if it is stuck`, holder);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function acquireLock(path: string, options: number | LockOptions = {}): Promise<HeldLock> {
  const opts: Required<LockOptions> = { ...DEFAULTS, ...(typeof options === 'number' ? { timeoutMs: options } : options) };
  const deadline = Date.now() + opts.timeoutMs;
  await sweepDebris(path, opts);
  let wait = 1;
  for (;;) {
    const handle = await tryCreate(path, newOwner());
    if (handle) {
      const { ino, dev } = await handle.stat();
      return hold(path, handle, ino, dev, opts);
    }
    const seen = await readLock(path);
    if (!seen) continue; // released in between: try again at once
    if (staleness(seen, opts) && (await breakStaleLock(path, seen, opts))) continue;
    if (Date.now() > deadline) throw busy(path, seen, opts);
    // Short, jittered waits: holds last milliseconds, and a long back-off would starve a waiter
    // behind a process doing many updates in a row.
    await sleep(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 16);
  }
}
