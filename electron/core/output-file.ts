/**
 * Writing a file the user asked for (a certificate to upload, an exported key). Never silently
 * replaces an existing file, and creates it with its final mode, so a private key is never readable
 * by others even for a moment.
 */
import { chmod, open } from 'node:fs/promises';
import { KeysmithError } from './errors';

export async function writeOutputFile(path: string, content: string, opts: { mode: number; overwrite: boolean }): Promise<void> {
  let handle;
  try {
    handle = await open(path, opts.overwrite ? 'w' : 'wx', opts.mode);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new KeysmithError('already_exists', `${path} already exists: choose another file, or add --force to replace it`);
    if (code === 'ENOENT') throw new KeysmithError('io', `Cannot write ${path}: its folder does not exist`);
    if (code === 'EISDIR') throw new KeysmithError('io', `Cannot write ${path}: it is a folder; give a file name`);
    if (code === 'EACCES' || code === 'EPERM') throw new KeysmithError('io', `Cannot write ${path}: permission denied`);
    throw new KeysmithError('io', `Cannot write ${path}: ${(err as Error).message}`);
  }
  try {
    // An existing file keeps its old mode when opened with 'w'; set it explicitly.
    if (opts.overwrite) await chmod(path, opts.mode).catch(() => undefined);
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}

// The readers moved to bounded-read.ts (one reader for every user-named file); kept importable from here.
export { readInputBytes, readInputFile } from './bounded-read';
