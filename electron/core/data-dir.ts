/**
 * Where the vault lives. The same folder Electron's `app.getPath('userData')` gives for an app
 * named "Keysmith", so the app and the CLI share one vault without either importing the other.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Keysmith';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KEYSMITH_HOME) return env.KEYSMITH_HOME;
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

export interface VaultPaths {
  dir: string;
  vault: string;
  backup: string;
  lock: string;
  /** the highest generation of the vault seen here: see generation-record.ts */
  generation: string;
}

export function vaultPaths(dir: string): VaultPaths {
  return {
    dir,
    vault: join(dir, 'vault.ksv'),
    backup: join(dir, 'vault.ksv.bak'),
    lock: join(dir, 'vault.lock'),
    generation: join(dir, 'vault.generation'),
  };
}
