/** Whether a path the user named is a folder (followed through symlinks); a missing path is not. */
import { stat } from 'node:fs/promises';

export async function isFolder(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}
