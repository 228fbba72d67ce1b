/**
 * Crash-safe replacement of a file: the new bytes go to a temp file that is fsynced, the current file
 * is kept as the backup generation (hard link, so no copy and no moment without a vault), then the
 * temp file is renamed over the original and the directory is fsynced. A process killed at any
 * point leaves the old file or the new one, never a mix; a failed write (a full disk) leaves the old
 * file and no temp file.
 */
import { copyFile, link, lstat, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KeysmithError, fromSystemError } from './errors';

/** Makes a rename or link in `dir` durable. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeNew(path: string, bytes: Buffer, sync: boolean): Promise<void> {
  // 'wx' never follows a symlink nor reuses a file someone else created at this name.
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    if (sync) await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Only a regular file is kept as the backup: lstat, so a symlink or FIFO is never followed or read. */
async function isRegularFile(path: string): Promise<boolean> {
  return lstat(path).then(
    (st) => st.isFile(),
    () => false,
  );
}

const tempName = (path: string, tag: string) => `${path}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`;

/**
 * A full disk, a read-only mount, …: the OS error as a sentence (errors.ts), naming the file being
 * replaced rather than its temp file; else "cannot write".
 */
function writeError(path: string, err: unknown): KeysmithError {
  if (err instanceof Error) Object.assign(err, { path });
  return fromSystemError(err) ?? new KeysmithError('io', `Cannot write ${path} (it was not changed): ${(err as Error).message}`);
}

export interface ReplaceOptions {
  /** The previous generation is kept here (hard link). */
  backupPath?: string;
  /**
   * Runs after the new bytes are safely on disk and right before anything is replaced: throwing
   * here (e.g. the caller no longer owns its lock) leaves every file as it was.
   */
  beforeReplace?: () => Promise<void>;
  /**
   * false: no fsync, for a file whose loss in a power cut costs nothing (it is still replaced whole,
   * never torn by a crash of this process). Default true.
   */
  durable?: boolean;
}

/** Must be called under the caller's lock: temp files left by a killed writer are swept here. */
export async function replaceFileAtomically(path: string, bytes: Buffer, options: string | ReplaceOptions = {}): Promise<void> {
  const { backupPath, beforeReplace, durable = true } = typeof options === 'string' ? { backupPath: options } : options;
  await sweepTempFiles(path);
  const tmp = tempName(path, 'tmp');
  try {
    await writeNew(tmp, bytes, durable);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw writeError(path, err);
  }
  try {
    await beforeReplace?.();
    if (backupPath && (await isRegularFile(path))) {
      const bakTmp = tempName(path, 'baktmp');
      try {
        await link(path, bakTmp);
      } catch {
        await copyFile(path, bakTmp).catch(async (err: unknown) => {
          await unlink(bakTmp).catch(() => undefined);
          throw writeError(backupPath, err);
        }); // file systems without hard links
      }
      await rename(bakTmp, backupPath);
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  if (durable) await fsyncDir(dirname(path));
}

async function sweepTempFiles(path: string): Promise<void> {
  const prefix = basename(path);
  const dir = dirname(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const leftovers = names.filter((n) => n.startsWith(`${prefix}.tmp-`) || n.startsWith(`${prefix}.baktmp-`));
  await Promise.all(leftovers.map((n) => unlink(join(dir, n)).catch(() => undefined)));
}
