/**
 * Writing a file the user asked for (a certificate to upload, an exported key). Never silently
 * replaces an existing file; with `overwrite` (--force, or the save dialog's confirmation) it puts a
 * new file of ours in its place instead of writing into it (see fresh-file.ts), so a private key
 * never lands in a file someone else owns or can read, nor behind a symlink.
 */
import { KeysmithError, fromSystemError } from './errors';
import { putNewFile } from './fresh-file';

export async function writeOutputFile(path: string, content: string, opts: { mode: number; overwrite: boolean }): Promise<void> {
  try {
    await putNewFile(path, Buffer.from(content, 'utf8'), { mode: opts.mode, replace: opts.overwrite });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new KeysmithError('already_exists', `${path} already exists`, { action: 'overwrite' });
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new KeysmithError('io', `Cannot write ${path}: its folder does not exist`);
    if (code === 'EISDIR') throw new KeysmithError('io', `Cannot write ${path}: it is a folder; give a file name`);
    if (code === 'EACCES' || code === 'EPERM') throw new KeysmithError('io', `Cannot write ${path}: permission denied (a new file is made in its folder, so the folder must be writable)`);
    // Full disk, read-only mount and the like: the OS's sentence, about the file the user named (not our temp file).
    const system = fromSystemError(Object.assign(new Error(String(code)), { code, syscall: 'write', path }));
    if (system) throw system;
    throw new KeysmithError('io', `Cannot write ${path}: ${code ?? (err as Error).message}`);
  }
}

// The readers moved to bounded-read.ts (one reader for every user-named file); kept importable from here.
export { readInputBytes, readInputFile } from './bounded-read';
