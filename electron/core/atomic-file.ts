/**
 * Crash-safe replacement of a file: the new bytes go to a temp file that is fsynced, the current file
 * is kept as the backup generation (hard link, so no copy and no moment without a vault), then the
 * temp file is renamed over the original and the directory is fsynced. A process killed at any
 * point leaves the old file or the new one, never a mix.
 */
import { copyFile, link, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeSynced(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await (await open(path, 'r')).close();
    return true;
  } catch {
    return false;
  }
}

const tempName = (path: string, tag: string) => `${path}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`;

/** Must be called under the caller's lock: temp files left by a killed writer are swept here. */
export async function replaceFileAtomically(path: string, bytes: Buffer, backupPath?: string): Promise<void> {
  await sweepTempFiles(path);
  const tmp = tempName(path, 'tmp');
  await writeSynced(tmp, bytes);
  if (backupPath && (await exists(path))) {
    const bakTmp = tempName(path, 'baktmp');
    try {
      await link(path, bakTmp);
    } catch {
      await copyFile(path, bakTmp); // file systems without hard links
    }
    await rename(bakTmp, backupPath);
  }
  await rename(tmp, path);
  await fsyncDir(dirname(path));
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
