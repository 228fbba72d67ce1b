/**
 * Puts a file the user named in place as a NEW file of ours. The bytes go to a temp file in the same
 * folder, created exclusively (O_EXCL: never an existing file, never through a symlink) with its
 * final mode, fsynced; then it is hard-linked onto the name (which fails if anything, even a
 * dangling symlink, is there) or, when replacing, renamed over it. The target itself is never
 * opened, so whatever was there before (another user's file with its owner and mode, a symlink to
 * somewhere else, a second hard link) never receives a byte, and a reader never sees half a file.
 * A writer killed mid-write leaves its temp file; the next write to the same target removes it.
 */
import { randomBytes } from 'node:crypto';
import { link, lstat, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from './atomic-file';

const TEMP_SUFFIX = '.keysmith-tmp';
/**
 * A temp file this old is stale even when its pid names a live process (the pid was reused, or it
 * came from another machine on a shared folder): writing a file takes seconds at most.
 */
export const STALE_TEMP_AGE_MS = 60 * 60 * 1000;
/** After the target's prefix: 12 hex, then (since temp files name their writer) `-<pid>`. */
const TEMP_TAIL = /^([0-9a-f]{12})(?:-([1-9][0-9]{0,9}))?\.keysmith-tmp$/;

/** The temp name's prefix for `target`: cut short to stay under NAME_MAX, so a leftover after a crash is recognisable. */
const tempPrefix = (target: string) => `.${path.basename(target).slice(0, 64)}.`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, as another user's process.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files a killed writer (kill -9 during an export) left beside `target`: only our own
 * pattern, only regular files of this user, and only when the writer that named itself is gone or the
 * file is older than STALE_TEMP_AGE_MS (a temp file of an older version, which names no writer).
 * Best effort: a leftover that cannot be removed never stops the write.
 */
export async function sweepStaleTempFiles(target: string, now = Date.now()): Promise<void> {
  const dir = path.dirname(target);
  const prefix = tempPrefix(target);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const me = typeof process.geteuid === 'function' ? process.geteuid() : undefined;
  await Promise.all(
    names.map(async (name) => {
      if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) return;
      const tail = TEMP_TAIL.exec(name.slice(prefix.length));
      if (!tail) return;
      const pid = tail[2] === undefined ? undefined : Number(tail[2]);
      if (pid === process.pid) return; // this process is writing it right now
      const file = path.join(dir, name);
      const st = await lstat(file).catch(() => undefined);
      if (!st?.isFile() || (me !== undefined && st.uid !== me)) return;
      const old = now - st.mtimeMs > STALE_TEMP_AGE_MS;
      if (old || (pid !== undefined && !isRunning(pid))) await unlink(file).catch(() => undefined);
    }),
  );
}

/** Where hard links are not supported (FAT, some network shares), link() fails with these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** Creates `file` (never an existing one) with all of `bytes`, or leaves nothing: a part-written file is removed. */
async function writeExclusive(file: string, bytes: Buffer, mode: number): Promise<void> {
  const handle = await open(file, 'wx', mode);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(file).catch(() => undefined); // ours: created exclusively just now
    throw err;
  }
  await handle.close();
}

/**
 * `mode` is passed to open(), so the umask can only take bits away: a 0600 file is never readable
 * by others, not even while it is written. Errors are Node's own (EEXIST, ENOENT, EISDIR, ...).
 */
export async function putNewFile(target: string, bytes: Buffer, opts: { mode: number; replace: boolean }): Promise<void> {
  const dir = path.dirname(target);
  await sweepStaleTempFiles(target);
  // Named after the target and its writer, so the next write can tell a killed writer's leftover from a live one's.
  const temp = path.join(dir, `${tempPrefix(target)}${randomBytes(6).toString('hex')}-${process.pid}${TEMP_SUFFIX}`);
  await writeExclusive(temp, bytes, opts.mode);
  let renamed = false;
  try {
    if (opts.replace) {
      await rename(temp, target);
      renamed = true;
    } else {
      try {
        await link(temp, target);
      } catch (err) {
        if (!NO_HARD_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
        // No hard links here: an exclusive create of the target keeps "never over an existing file".
        await writeExclusive(target, bytes, opts.mode);
      }
    }
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
  await fsyncDir(dir);
}
