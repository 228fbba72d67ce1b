/**
 * The one way Keysmith reads a file a user (or a file the user imports) names: credentials, keys,
 * certificates, bundles. Such a path may be /dev/zero, a FIFO, a folder or a /proc file, and `stat`
 * says 0 bytes for all but the folder, so a size check on `stat` alone caps nothing: /dev/zero then
 * fills memory and a FIFO blocks a libuv thread forever (four of them wedge every IPC call in the
 * app). So only regular files are read, opened without blocking, and at most `maxBytes + 1` bytes
 * are ever read whatever the size claimed: the file may also grow between the check and the read.
 */
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { KeysmithError, fromSystemError } from './errors';

const CHUNK_BYTES = 64 * 1024;

// O_NONBLOCK: opening a FIFO for reading with no writer returns at once instead of waiting for one
// (and a serial device does not wait for carrier); it changes nothing for a regular file. Symlinks
// are followed on purpose: a user's key file is often one (dotfile managers), and what is at the
// end of it is checked like anything else. Windows has neither flag, nor FIFOs at a path.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function invalid(message: string, cause?: unknown): KeysmithError {
  return new KeysmithError('invalid_input', message, cause === undefined ? undefined : { cause });
}

/** What a non-regular file is, in a user's words. */
function typeOf(stats: Stats): string {
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'FIFO (named pipe)';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return 'special file';
}

function notRegular(path: string, stats: Stats, what: string): KeysmithError {
  return invalid(`${path} is a ${typeOf(stats)}, not a ${what} file`);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

function tooLarge(path: string, what: string, maxBytes: number): KeysmithError {
  return invalid(`${path} is larger than ${formatBytes(maxBytes)}: a ${what} file is a few KB, so this is not one`);
}

/** The errno error is kept as the cause, so a caller can still tell ENOENT from the rest. */
function openFailed(path: string, what: string, err: unknown): KeysmithError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return invalid(`No such ${what} file: ${path}`, err);
  if (code === 'EACCES' || code === 'EPERM') return invalid(`Cannot read ${path}: permission denied`, err);
  if (code === 'ENOTDIR') return invalid(`No such ${what} file: ${path} (a part of the path is not a folder)`, err);
  if (code === 'ELOOP') return invalid(`Cannot read ${path}: too many symbolic links`, err);
  // ENXIO: a socket, or a device with nothing behind it.
  if (code === 'ENXIO') return invalid(`${path} is a socket or device, not a ${what} file`, err);
  return fromSystemError(err) ?? invalid(`Cannot read ${path}: ${(err as Error).message.split('\n')[0]}`, err);
}

async function readAtMost(handle: FileHandle, path: string, what: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // One byte past the cap is enough to know the file is too large; never more.
    const want = Math.min(CHUNK_BYTES, maxBytes + 1 - total);
    const buffer = Buffer.allocUnsafe(want);
    const { bytesRead } = await handle.read(buffer, 0, want, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > maxBytes) throw tooLarge(path, what, maxBytes);
    chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
  }
  return Buffer.concat(chunks, total);
}

/**
 * The bytes of the regular file at `path`, at most `maxBytes` of them. `what` names the kind of file
 * in messages ("credentials", "private key", "bundle"): "/dev/zero is a device, not a bundle file".
 */
export async function readInputBytes(path: string, what: string, maxBytes: number): Promise<Buffer> {
  // Looked at before opening, so a device is never opened at all (opening some has side effects).
  let before: Stats;
  try {
    before = await stat(path);
  } catch (err) {
    throw openFailed(path, what, err);
  }
  if (!before.isFile()) throw notRegular(path, before, what);
  if (before.size > maxBytes) throw tooLarge(path, what, maxBytes);

  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    throw openFailed(path, what, err);
  }
  try {
    // The path may have been swapped for a FIFO or a device since the stat: the handle is what counts.
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(path, stats, what);
    if (stats.size > maxBytes) throw tooLarge(path, what, maxBytes);
    return await readAtMost(handle, path, what, maxBytes);
  } finally {
    await handle.close();
  }
}

export async function readInputFile(path: string, what: string, maxBytes: number): Promise<string> {
  return (await readInputBytes(path, what, maxBytes)).toString('utf8');
}
