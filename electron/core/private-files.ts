/**
 * The data directory and every file Keysmith opens in it must be this user's alone, as ssh's
 * StrictModes demands of ~/.ssh: owned by the current user and writable by nobody else. Otherwise
 * another user could roll the vault back, delete it, or plant a FIFO or a symlink to /dev/zero that
 * hangs every command. So: the folder and each file are checked, files are opened without following
 * a symlink and without blocking on a FIFO, must be regular files, and are read up to a bound.
 * Each refusal is one line saying how to fix it. On Windows there are no uids or mode bits to check;
 * only the regular-file and size rules apply there.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { KeysmithError } from './errors';

const WRITABLE_BY_OTHERS = 0o022;
const CHECKS_OWNERS = process.platform !== 'win32' && typeof process.geteuid === 'function';
// O_NOFOLLOW: a symlink planted at the name fails with ELOOP instead of being followed.
// O_NONBLOCK: opening a FIFO returns at once (and is then refused) instead of waiting for a writer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(3, '0');

function unsafe(message: string): KeysmithError {
  return new KeysmithError('data_dir_unsafe', message);
}

function ownershipProblem(path: string, st: Stats, kind: 'folder' | 'file'): KeysmithError | null {
  if (!CHECKS_OWNERS) return null;
  const me = process.geteuid!();
  const fixMode = kind === 'folder' ? '700' : '600';
  if (st.uid !== me) {
    return unsafe(
      `The ${kind} ${path} belongs to another user (uid ${st.uid}, you are uid ${me}), who could change or roll back your vault: ` +
        `if it is yours, run \`chown ${me} ${path} && chmod ${fixMode} ${path}\`, otherwise set KEYSMITH_HOME to a folder of your own`,
    );
  }
  if (st.mode & WRITABLE_BY_OTHERS) {
    return unsafe(`The ${kind} ${path} can be written by other users (mode ${octal(st.mode)}), who could change or roll back your vault: run \`chmod ${fixMode} ${path}\``);
  }
  return null;
}

/** Refuses a data directory that another user owns or may write; a missing one is fine (it will be created 0700). */
export async function assertPrivateDir(dir: string): Promise<void> {
  let st: Stats;
  try {
    // The folder itself may be a symlink the user made (to another disk): its target is what is checked.
    st = await stat(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new KeysmithError('io', `Cannot use the data folder ${dir}: ${(err as Error).message}`);
  }
  if (!st.isDirectory()) throw unsafe(`The data folder ${dir} is not a folder: move it away, or set KEYSMITH_HOME to a folder of your own`);
  const problem = ownershipProblem(dir, st, 'folder');
  if (problem) throw problem;
}

/** Throws unless `st` (from lstat or fstat) is a regular file of this user that nobody else may write. */
export function assertPrivateFile(path: string, st: Stats): void {
  if (st.isSymbolicLink()) throw notRegular(path, 'a symbolic link');
  if (!st.isFile()) throw notRegular(path, st.isFIFO() ? 'a FIFO' : st.isDirectory() ? 'a folder' : 'a device or socket');
  const problem = ownershipProblem(path, st, 'file');
  if (problem) throw problem;
}

function notRegular(path: string, what: string): KeysmithError {
  return unsafe(`${path} is ${what}, not a file Keysmith wrote: remove it (\`rm ${path}\`) and try again`);
}

export interface PrivateRead {
  bytes: Buffer;
  stat: Stats;
}

/**
 * Opens a file of the data directory for reading, checked as above: null when it does not exist.
 * The caller closes the handle.
 */
export async function openPrivateFile(path: string): Promise<{ handle: FileHandle; stat: Stats } | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP' || code === 'EMLINK') throw notRegular(path, 'a symbolic link');
    throw new KeysmithError('io', `Cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    const st = await handle.stat();
    assertPrivateFile(path, st);
    return { handle, stat: st };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** Reads an open file up to `size` bytes (what fstat said it holds). */
export async function readBounded(handle: FileHandle, size: number): Promise<Buffer> {
  // Read what fstat promised and no more, so a file that grows while being read cannot exhaust memory.
  const bytes = Buffer.alloc(size);
  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return bytes.subarray(0, filled);
}

/**
 * Reads a file of the data directory: null when it does not exist. Refuses symlinks, FIFOs, devices,
 * folders, files of other users or writable by them, and files larger than `maxBytes`.
 */
export async function readPrivateFile(path: string, maxBytes: number): Promise<PrivateRead | null> {
  const opened = await openPrivateFile(path);
  if (!opened) return null;
  const { handle, stat: st } = opened;
  try {
    if (st.size > maxBytes) {
      throw unsafe(`${path} is ${st.size} bytes, more than Keysmith ever writes there (${maxBytes}): move it away and try again`);
    }
    return { bytes: await readBounded(handle, st.size), stat: st };
  } finally {
    await handle.close();
  }
}
