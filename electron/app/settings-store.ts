/**
 * Settings in `settings.json` beside the vault: read once, written atomically (0600, like every file
 * in the data folder), one write at a time. A missing or damaged file means defaults, never an error:
 * preferences must not stand between the user and their vault.
 */
import { EventEmitter } from 'node:events';
import { chmod, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { replaceFileAtomically } from '../core/atomic-file';
import { assertPrivateDir } from '../core/private-files';
import { DAMAGED_SETTINGS_PREFIX, SETTINGS_FILE, readSettingsFile } from '../core/settings-file';
import { settingsWarning } from '../core/settings-warning';
import { SettingsPatchSchema, applySettingsPatch, type Settings, type SettingsPatch } from './settings';
import type { SettingsAccess } from '../ipc/services';

export { SETTINGS_FILE };

export class SettingsStore extends EventEmitter<{ changed: [Settings] }> implements SettingsAccess {
  private loaded: Promise<Settings> | null = null;
  /** what was wrong with the file as read, until settings are saved over it */
  private problem: Promise<string | undefined> = Promise.resolve(undefined);
  private writes: Promise<unknown> = Promise.resolve();
  /** the file on disk held something the app set aside: the first save moves it beside, not over it */
  private keepAside: Promise<boolean> = Promise.resolve(false);

  constructor(private readonly dataDir: string) {
    super();
  }

  get file(): string {
    return path.join(this.dataDir, SETTINGS_FILE);
  }

  get(): Promise<Settings> {
    // Bounded, and never a symlink, FIFO or another user's file: those mean defaults, like damage.
    if (!this.loaded) {
      const read = readSettingsFile(this.dataDir);
      this.problem = read.then(settingsWarning);
      this.keepAside = read.then((r) => r.unusable !== undefined || r.invalid.length > 0);
      this.loaded = read.then((r) => r.settings);
    }
    return this.loaded;
  }

  /** One line when the file could not be fully used: what was wrong, and which defaults stand in. */
  async warning(): Promise<string | undefined> {
    await this.get();
    return this.problem;
  }

  /** The patch is parsed here too: the tray and menus call this without going through IPC. */
  set(patch: SettingsPatch): Promise<Settings> {
    const run = this.writes.then(async () => {
      const next = applySettingsPatch(await this.get(), SettingsPatchSchema.parse(patch));
      await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      await assertPrivateDir(this.dataDir);
      await chmod(this.dataDir, 0o700).catch(() => undefined);
      if (await this.keepAside) await this.moveAside();
      await replaceFileAtomically(this.file, Buffer.from(`${JSON.stringify(next, null, 2)}\n`));
      this.loaded = Promise.resolve(next);
      this.problem = Promise.resolve(undefined);
      this.keepAside = Promise.resolve(false);
      this.emit('changed', next);
      return next;
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** rename moves a symlink itself, never its target; a file already gone is nothing to keep. */
  private async moveAside(): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await rename(this.file, path.join(this.dataDir, `${DAMAGED_SETTINGS_PREFIX}${stamp}`)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
}
