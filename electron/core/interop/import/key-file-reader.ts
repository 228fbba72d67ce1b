/**
 * How an import reads a key file its credentials file names (aio's `private_key`, a .env's
 * PRIVATE_KEY_PATH). That path comes from the file, not the user, so it gets the same bounded,
 * regular-files-only reader as the file itself: a hostile .env naming /dev/zero or a FIFO costs a
 * warning, not the machine's memory or a thread blocked forever.
 */
import path from 'node:path';
import { readInputFile } from '../../bounded-read';
import { MAX_PEM_INPUT_BYTES } from '../../keys/private-key-import';
import type { ReadTextFile } from './import-candidate';

/** Relative paths are resolved against `baseDir`, the folder of the file being imported. */
export function keyFileReader(baseDir: string): ReadTextFile {
  return (file) => readInputFile(path.resolve(baseDir, file), 'private key', MAX_PEM_INPUT_BYTES);
}
