/**
 * Puts a file the user named in place as a NEW file of ours. The bytes go to a temp file in the same
 * folder, created exclusively (O_EXCL: never an existing file, never through a symlink) with its
 * final mode, fsynced; then it is hard-linked onto the name (which fails if anything, even a
 * dangling symlink, is there) or, when replacing, renamed over it. The target itself is never
 * opened, so whatever was there before (another user's file with its owner and mode, a symlink to
 * somewhere else, a second hard link) never receives a byte, and a reader never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from './atomic-file';

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
  // Named after the target (cut short to stay under NAME_MAX), so a leftover after a crash is recognisable.
  const temp = path.join(dir, `.${path.basename(target).slice(0, 64)}.${randomBytes(6).toString('hex')}.keysmith-tmp`);
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
